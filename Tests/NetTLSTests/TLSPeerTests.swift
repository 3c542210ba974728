import SwitchboardTesting
import Net
import Testing

/// Our engines against real peers: `openssl s_server`, `openssl s_client` and `curl`, over plain blocking
/// loopback sockets driven by `TLSBlockingStream`.
@Suite("TLS against openssl and curl", .serialized)
struct TLSPeerTests {
    @Test func clientVerifiesOpenSSLServerSendsSNIAndExchangesData() async throws {
        let (server, port) = try await startOpenSSLServer()
        let stream = try connect(port: port, serverName: "localhost", trust: .certificateAuthorityFile(TestPKI.shared().caCertificate))
        try stream.handshake()
        try stream.write(Array("hello switchboard\n".utf8))
        let reply = try stream.read(until: Array("\n".utf8))
        #expect(String(decoding: reply, as: UTF8.self) == "draobhctiws olleh\n")
        try stream.close()
        _ = try await server.line(containing: "CONNECTION ESTABLISHED")
        #expect(OpenSSLServerOutput.serverName(in: server.lines) == "localhost")
    }

    @Test func clientRejectsOpenSSLServerSignedByAnotherCA() async throws {
        let (server, port) = try await startOpenSSLServer()
        let stream = try connect(port: port, serverName: "localhost", trust: .certificateAuthorityFile(TestPKI.shared().otherCACertificate))
        #expect(throws: TLSError.certificateVerificationFailed(code: 20, reason: "unable to get local issuer certificate")) {
            try stream.handshake()
        }
        _ = try await server.line(containing: "alert unknown ca")
    }

    @Test func clientRejectsOpenSSLServerWhoseCertificateNamesAnotherHost() async throws {
        let (server, port) = try await startOpenSSLServer()
        let stream = try connect(port: port, serverName: "calls.example", trust: .certificateAuthorityFile(TestPKI.shared().caCertificate))
        #expect(throws: TLSError.certificateVerificationFailed(code: 62, reason: "hostname mismatch")) {
            try stream.handshake()
        }
        _ = try await server.line(containing: "CONNECTION FAILURE")
    }

    @Test func serverEngineServesOpenSSLClientWithALPNAndSNI() async throws {
        let pki = try TestPKI.shared()
        let (listener, port) = try BlockingTCPSocket.listen()
        let client = try PeerProcess("/usr/bin/openssl", [
            "s_client", "-connect", "127.0.0.1:\(port)", "-servername", "localhost", "-CAfile", pki.caCertificate,
            "-verify_return_error", "-alpn", "http/1.1",
        ])
        client.writeInput("ping\n")
        let stream = TLSBlockingStream(socket: try listener.accept(), engine: try TLSEngine(server: serverContext(alpn: ["h2", "http/1.1"])))
        try stream.handshake()
        #expect(stream.engine.requestedServerName == "localhost")
        #expect(stream.engine.negotiatedALPN == "http/1.1")
        #expect(String(decoding: try stream.read(until: Array("\n".utf8)), as: UTF8.self) == "ping\n")
        try stream.write(Array("pong\n".utf8))
        try stream.close()
        _ = try await client.line(containing: "pong")
        _ = try await client.line(containing: "Verify return code: 0 (ok)")
        _ = try await client.line(containing: "ALPN protocol: http/1.1")
    }

    @Test func serverEngineAnswersCurlOverHTTPS() async throws {
        let pki = try TestPKI.shared()
        let (listener, port) = try BlockingTCPSocket.listen()
        let curl = try PeerProcess("/usr/bin/curl", [
            "-sS", "--cacert", pki.caCertificate, "--resolve", "localhost:\(port):127.0.0.1",
            "-w", "\\nversion=%{http_version}\\n", "https://localhost:\(port)/hello",
        ])
        let stream = TLSBlockingStream(socket: try listener.accept(), engine: try TLSEngine(server: serverContext(alpn: ["http/1.1"])))
        try stream.handshake()
        #expect(stream.engine.negotiatedALPN == "http/1.1")  // curl offers h2 first; the server only speaks 1.1
        let request = String(decoding: try stream.read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
        #expect(request.hasPrefix("GET /hello HTTP/1.1\r\n"))
        try stream.write(Array("HTTP/1.1 200 OK\r\nContent-Length: 22\r\nConnection: close\r\n\r\nhello from switchboard".utf8))
        try stream.close()
        #expect(await curl.exitStatus() == 0)
        #expect(curl.lines == ["hello from switchboard", "version=1.1"])
    }

    @Test func serverEngineRefusesClientsOfferingOnlyTLS11() async throws {
        let (listener, port) = try BlockingTCPSocket.listen()
        let client = try PeerProcess("/usr/bin/openssl", [
            "s_client", "-connect", "127.0.0.1:\(port)", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0",
        ])
        let stream = TLSBlockingStream(socket: try listener.accept(), engine: try TLSEngine(server: serverContext(alpn: [])))
        #expect {
            try stream.handshake()
        } throws: { error in
            guard case TLSError.handshakeFailed(let message) = error else { return false }
            return message.contains("unsupported protocol")
        }
        _ = try await client.line(containing: "alert protocol version")
    }

    private func startOpenSSLServer() async throws -> (PeerProcess, UInt16) {
        let pki = try TestPKI.shared()
        let server = try PeerProcess("/usr/bin/openssl", [
            "s_server", "-accept", "0", "-naccept", "1", "-cert", pki.serverCertificate, "-key", pki.serverKey, "-rev", "-tlsextdebug",
        ])
        let line = try await server.line(containing: "ACCEPT")
        let port = try #require(line.split(separator: ":").last.flatMap { UInt16($0) })
        return (server, port)
    }

    private func connect(port: UInt16, serverName: String, trust: TLSTrust) throws -> TLSBlockingStream {
        let context = try TLSClientContext(configuration: .init(trust: trust))
        return TLSBlockingStream(socket: try BlockingTCPSocket.connect(port: port), engine: try TLSEngine(client: context, serverName: serverName))
    }

    private func serverContext(alpn: [String]) throws -> TLSServerContext {
        let pki = try TestPKI.shared()
        return try TLSServerContext(configuration: .init(certificateChainFile: pki.serverCertificate, privateKeyFile: pki.serverKey, alpnProtocols: alpn))
    }
}
