import SwitchboardTesting
import Net
import Testing
import Wire

/// wss:// against a Python `websockets` server whose certificate comes from a CA made at run time.
@Suite("WebSocket client over TLS")
struct WebSocketClientTLSTests {
    @Test func echoesOverWSSWithTheTestCATrusted() async throws {
        let pki = try TestPKI.shared()
        let server = try await PythonWebSocketServer.start(certificate: pki.serverCertificate, key: pki.serverKey)
        let tls = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.caCertificate)))
        let echoed = try await withTimeout(15, "wss echo") {
            let connection = try await WebSocketClient.connect(url: server.url("/echo"), on: TestLoops.group, tls: tls)
            var messages = connection.messages.makeAsyncIterator()
            let big = pattern(200_000)
            try await connection.send(text: "over tls")
            try await connection.send(.binary(big))
            let echoed = [try await messages.next(), try await messages.next()]
            await connection.close()
            #expect(await connection.closed() == nil)
            return echoed == [.text("over tls"), .binary(big)]
        }
        #expect(echoed)
    }

    @Test func serverSignedByAnotherCAFailsVerification() async throws {
        let pki = try TestPKI.shared()
        let server = try await PythonWebSocketServer.start(certificate: pki.serverCertificate, key: pki.serverKey)
        let tls = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.otherCACertificate)))
        let error = try await withTimeout(10, "wrong CA") { await connectError(server.url("/echo"), tls: tls) }
        #expect(error == .tlsFailed(.certificateVerificationFailed(code: 20, reason: "unable to get local issuer certificate")))
    }

    @Test func certificateForAnotherHostNameFailsVerification() async throws {
        let pki = try TestPKI.shared()
        let server = try await PythonWebSocketServer.start(certificate: pki.otherNameCertificate, key: pki.otherNameKey)
        let tls = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.caCertificate)))
        let error = try await withTimeout(10, "hostname mismatch") { await connectError(server.url("/echo", host: "localhost"), tls: tls) }
        #expect(error == .tlsFailed(.certificateVerificationFailed(code: 62, reason: "hostname mismatch")))
    }
}
