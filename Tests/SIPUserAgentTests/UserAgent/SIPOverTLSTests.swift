import Foundation
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// SIP over TLS with a real TLS client (`openssl s_client`) carrying a request typed on its stdin.
@Suite struct SIPOverTLSTests {
    @Test func optionsOverTLSIsAnswered() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sip-tls-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let make = try PeerProcess("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                                                        "-nodes", "-days", "1", "-subj", "/CN=localhost",
                                                        "-keyout", key, "-out", certificate])
        #expect(await make.exitStatus() == 0)
        let tls = try TLSServerContext(configuration: .init(certificateChainFile: certificate, privateKeyFile: key))
        let server = try await SIPTestServer.start(tls: tls)
        let address = try #require(server.bound.tls)
        let client = try PeerProcess("/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(address.port)", "-quiet",
                                                          "-verify_quiet"])
        let request = ["OPTIONS sip:127.0.0.1 SIP/2.0", "Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bKtls1;rport",
                       "Max-Forwards: 70", "From: <sip:probe@127.0.0.1>;tag=t1", "To: <sip:127.0.0.1>", "Call-ID: tls-1",
                       "CSeq: 1 OPTIONS", "Content-Length: 0", "", ""].joined(separator: "\r\n")
        client.writeInput(request)
        _ = try await client.line(containing: "SIP/2.0 200 OK")
        let allow = try await client.line(containing: "Allow:")
        #expect(allow.contains("INVITE"))
        client.terminate()
        await server.stop()
    }
}
