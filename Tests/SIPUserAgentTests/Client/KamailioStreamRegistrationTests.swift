import Agents
import Foundation
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// REGISTER over TCP and TLS against a real Kamailio 5.6: the binding's connection is kept, a call to
/// the AOR sent to Kamailio over UDP is relayed to us on that connection (Kamailio reuses it to reach
/// our `transport=tcp`/`tls` Contact) and answered; and re-registering when the registrar drops the connection.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: Kamailio.executable)))
struct KamailioStreamRegistrationTests {
    @Test func registersOverTCPAndACallToTheAORComesBackOnTheConnection() async throws {
        let kamailio = try Kamailio(password: "s3cret")
        let registration = SIPRegistration(registrar: "127.0.0.1:\(kamailio.port)", user: "agent7", domain: "127.0.0.1",
                                           password: Secret("s3cret"), expires: 120, contactUser: "sb7", agent: "tester",
                                           transport: .tcp)
        try await registerAndCall(kamailio, registration)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Kamailio.tlsModule)))
    func registersOverTLSAndACallToTheAORComesBackOnTheConnection() async throws {
        let pki = try TestPKI.shared()
        let kamailio = try Kamailio(password: "s3cret", tls: pki)
        // The transport comes from the registrar URI (sips: = TLS); the certificate names 127.0.0.1.
        let registration = SIPRegistration(registrar: "sips:127.0.0.1:\(kamailio.tlsPort)", user: "agent7", domain: "127.0.0.1",
                                           password: Secret("s3cret"), expires: 120, contactUser: "sb7", agent: "tester")
        #expect(registration.transport == .tls)
        let trust = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.caCertificate)))
        try await registerAndCall(kamailio, registration, tlsClient: trust)
    }

    /// A registrar (a Python script on a TCP socket) that grants the first REGISTER and then closes the
    /// connection: the registration notices, fails, and registers again on a new connection.
    @Test func aConnectionTheRegistrarClosesIsRegisteredAgain() async throws {
        let script = """
            import socket
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", 0))
            listener.listen(4)
            print("port", listener.getsockname()[1], flush=True)
            kept = []
            for attempt in range(2):
                connection, _ = listener.accept()
                data = b""
                while b"\\r\\n\\r\\n" not in data:
                    data += connection.recv(65536)
                lines = data.split(b"\\r\\n\\r\\n")[0].decode().split("\\r\\n")
                keep = [line for line in lines[1:] if line.split(":")[0].strip().lower() in ("via", "from", "call-id", "cseq", "contact")]
                to = [line for line in lines[1:] if line.lower().startswith("to:")][0] + ";tag=r1"
                reply = "SIP/2.0 200 OK\\r\\n" + "\\r\\n".join(keep + [to, "Content-Length: 0"]) + "\\r\\n\\r\\n"
                connection.sendall(reply.encode())
                print("granted", attempt, flush=True)
                if attempt == 0:
                    connection.close()
                else:
                    kept.append(connection)
            listener.accept()
            """
        let registrar = try PeerProcess("/usr/bin/python3", ["-c", script])
        let portLine = try await registrar.line(timeout: .seconds(10), "port") { $0.hasPrefix("port ") }
        let port = try #require(Int(portLine.dropFirst(5).trimmingCharacters(in: .whitespaces)))
        let registration = SIPRegistration(registrar: "127.0.0.1:\(port)", user: "agent7", domain: "127.0.0.1", expires: 120,
                                           contactUser: "sb7", agent: "tester", transport: .tcp)
        let server: SIPTestServer
        do { server = try await SIPTestServer.start(registrations: [registration]) } catch {
            registrar.terminate()
            throw error
        }
        do {
            let registered = SIPCallEvent.registration(aor: "agent7@127.0.0.1", state: .registered(expires: 120))
            let lost = SIPCallEvent.registration(aor: "agent7@127.0.0.1", state: .failed(status: nil))
            _ = try await server.events.wait(timeout: .seconds(10), for: "registered, lost, registered again") { events in
                guard let first = events.firstIndex(of: registered), let loss = events[first...].firstIndex(of: lost) else { return false }
                return events[loss...].contains(registered)
            }
            _ = try await registrar.line(containing: "granted 1", timeout: .seconds(10))
            #expect(await server.service.agent.clientConnectionCount == 1)
        } catch {
            await server.stop()
            registrar.terminate()
            throw error
        }
        await server.stop()
        registrar.terminate()
    }

    private func registerAndCall(_ kamailio: Kamailio, _ registration: SIPRegistration, tlsClient: TLSClientContext? = nil) async throws {
        let server: SIPTestServer
        do { server = try await SIPTestServer.start(allow: ["10.9.9.0/24"], registrations: [registration], tlsClient: tlsClient) } catch {
            kamailio.stop()
            throw error
        }
        let caller = try await SIPTestPeer.udp(to: try #require(SocketAddress(host: "127.0.0.1", port: UInt16(kamailio.port))))
        do {
            try await server.event("registered") { if case .registration("agent7@127.0.0.1", .registered(120)) = $0 { true } else { false } }
            #expect(await server.service.agent.clientConnectionCount == 1)
            var script = SIPScript(peer: caller)
            script.user = "agent7"
            try await script.sendInvite()
            let ok = try await caller.response(200, within: 15)
            #expect(ok.headers.callID == script.callID)
            let contact = try #require(ok.headers.contact?.addresses.first?.uri.sipURI)
            #expect(contact.parameter("transport") == registration.transport.rawValue)
            try await server.event("answered") { if case .answered(script.callID, "tester") = $0 { true } else { false } }
            #expect(await server.service.agent.clientConnectionCount == 1, "the call came over the registration's connection")
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
