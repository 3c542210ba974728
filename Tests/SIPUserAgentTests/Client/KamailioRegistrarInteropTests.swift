import Agents
import Foundation
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// REGISTER against a real registrar: Kamailio 5.6 (Debian) with `registrar`/`usrloc` and digest auth
/// from a static password (`pv_www_authenticate`); then a call to the AOR through Kamailio reaches us
/// via the binding and is answered by the registration's agent.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: Kamailio.executable)))
struct KamailioRegistrarInteropTests {
    @Test func registersWithDigestAndACallToTheAORReachesUs() async throws {
        let kamailio = try Kamailio(password: "s3cret")
        let registration = SIPRegistration(registrar: "127.0.0.1:\(kamailio.port)", user: "agent7", domain: "127.0.0.1",
                                           password: Secret("s3cret"), expires: 120, contactUser: "sb7", agent: "tester")
        let server: SIPTestServer
        do { server = try await SIPTestServer.start(allow: ["10.9.9.0/24"], registrations: [registration]) } catch {
            kamailio.stop()
            throw error
        }
        let caller = try await SIPTestPeer.udp(to: try #require(SocketAddress(host: "127.0.0.1", port: UInt16(kamailio.port))))
        do {
            try await server.event("registered") { if case .registration("agent7@127.0.0.1", .registered(120)) = $0 { true } else { false } }
            var script = SIPScript(peer: caller)
            script.user = "agent7"
            try await script.sendInvite()
            let ok = try await caller.response(200, within: 15)
            #expect(ok.headers.callID == script.callID)
            try await server.event("answered") { if case .answered(script.callID, "tester") = $0 { true } else { false } }
        } catch {
            await caller.close()
            await server.stop()
            kamailio.stop()
            throw error
        }
        await caller.close()
        await server.stop()
        kamailio.stop()
    }
}

/// One Kamailio in the foreground with a minimal registrar config in a private folder: UDP and TCP on
/// `port`, and with `tls` (the test PKI's server certificate) TLS on `port + 1`.
struct Kamailio {
    static let executable = "/usr/sbin/kamailio"
    static let tlsModule = "/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so"
    let process: PeerProcess
    let folder: URL
    let port: Int
    var tlsPort: Int { port + 1 }

    /// `connectionLifetime`: seconds Kamailio keeps an idle TCP/TLS connection (default 120).
    init(password: String, port: Int = 2 * Int.random(in: 15_500...16_000), tls: TestPKI? = nil, connectionLifetime: Int = 120) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kamailio-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.port = port
        var tlsLines = ""
        if let tls {
            let tlsConfig = """
                [server:default]
                method = TLSv1.2+
                verify_certificate = no
                require_certificate = no
                private_key = \(tls.serverKey)
                certificate = \(tls.serverCertificate)
                [client:default]
                verify_certificate = no
                require_certificate = no
                """
            let tlsFile = folder.appendingPathComponent("tls.cfg")
            try tlsConfig.write(to: tlsFile, atomically: true, encoding: .utf8)
            tlsLines = """
                enable_tls=yes
                listen=tls:127.0.0.1:\(port + 1)
                loadmodule "tls.so"
                modparam("tls", "config", "\(tlsFile.path)")
                """
        }
        let config = """
            #!KAMAILIO
            debug=2
            log_stderror=yes
            children=1
            tcp_children=1
            tcp_connection_lifetime=\(connectionLifetime)
            listen=udp:127.0.0.1:\(port)
            listen=tcp:127.0.0.1:\(port)
            mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
            \(tlsLines)
            loadmodule "tm.so"
            loadmodule "sl.so"
            loadmodule "pv.so"
            loadmodule "maxfwd.so"
            loadmodule "usrloc.so"
            loadmodule "registrar.so"
            loadmodule "textops.so"
            loadmodule "siputils.so"
            loadmodule "xlog.so"
            loadmodule "auth.so"
            request_route {
                if (is_method("REGISTER")) {
                    if (!pv_www_authenticate("$td", "\(password)", "0")) {
                        www_challenge("$td", "0");
                        exit;
                    }
                    if (!save("location")) { sl_reply_error(); }
                    exit;
                }
                if (is_method("INVITE|OPTIONS") && !has_totag()) {
                    if (!lookup("location")) { sl_send_reply("404", "Not Registered"); exit; }
                    t_relay();
                    exit;
                }
                if (has_totag()) { t_relay(); exit; }
                sl_send_reply("405", "Method Not Allowed");
            }
            """
        let file = folder.appendingPathComponent("kamailio.cfg")
        try config.write(to: file, atomically: true, encoding: .utf8)
        process = try PeerProcess(Self.executable, ["-DD", "-E", "-m", "64", "-M", "8", "-f", file.path, "-w", folder.path,
                                                    "-Y", folder.path])
    }

    func stop() {
        process.terminate()
        try? FileManager.default.removeItem(at: folder)
    }
}
