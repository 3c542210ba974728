import SwitchboardTesting
import Foundation
import Net
import Testing

/// HTTPS through curl with the test CA: a Python TLS server (HTTP/1.1) and nghttpd (HTTP/2).
@Suite("StreamingHTTPClient over HTTPS", .timeLimit(.minutes(1)))
struct StreamingHTTPClientTLSTests {
    @Test func httpsStreamVerifiesAgainstTheGivenCA() async throws {
        let pki = try TestPKI.shared()
        let server = try await TestHTTPServer.start(tls: true)
        let client = try StreamingHTTPClient(configuration: .init(trust: .certificateAuthorityFile(pki.caCertificate)))
        let response = try await client.stream(HTTPClientRequest(url: server.url("/sse?n=2&delay=0")))
        #expect(response.head.status == 200 && response.head.version == .http1_1)
        let text = String(decoding: try await response.body.collect(upTo: 1000), as: UTF8.self)
        #expect(text.hasSuffix("data: [DONE]\n\n"))
    }

    @Test func httpsServerSignedByAnotherCAIsATLSFailure() async throws {
        let pki = try TestPKI.shared()
        let server = try await TestHTTPServer.start(tls: true)
        let client = try StreamingHTTPClient(configuration: .init(trust: .certificateAuthorityFile(pki.otherCACertificate)))
        await #expect {
            _ = try await client.stream(HTTPClientRequest(url: server.url("/sse")))
        } throws: { error in
            guard case HTTPClientError.tlsFailed(let message) = error else { return false }
            return message.contains("certificate")
        }
    }

    @Test func http2IsNegotiatedWhenTheServerOffersItAndStreamsShareAConnection() async throws {
        let pki = try TestPKI.shared()
        let root = pki.directory + "/h2-root"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let payload = [UInt8].pattern(count: 300_000, seed: 3)
        try Data(payload).write(to: URL(fileURLWithPath: root + "/payload.bin"))
        let port = try BlockingTCPSocket.unusedPort()
        let server = try PeerProcess("/usr/sbin/nghttpd", ["-v", "--htdocs=" + root, "--address=127.0.0.1", "\(port)", pki.serverKey, pki.serverCertificate])
        _ = try await server.line(containing: "listen 127.0.0.1")  // nghttpd -v prints it once listening

        let client = try StreamingHTTPClient(configuration: .init(trust: .certificateAuthorityFile(pki.caCertificate)))
        async let first = client.stream(HTTPClientRequest(url: "https://localhost:\(port)/payload.bin"))
        async let second = client.stream(HTTPClientRequest(url: "https://localhost:\(port)/payload.bin"))
        let responses = try await [first, second]
        for response in responses {
            #expect(response.head.version == .http2 && response.head.status == 200)
            #expect(try await response.body.collect(upTo: 1 << 20) == payload)
        }
        // Both streams on one TLS connection: nghttpd -v tags every log line with its connection's id.
        let connections = Set(server.lines.compactMap { $0.hasPrefix("[id=") ? $0.split(separator: "]").first : nil })
        #expect(connections == ["[id=1"])
    }
}
