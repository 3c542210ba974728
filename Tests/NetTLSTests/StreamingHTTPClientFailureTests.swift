import Net
import Testing

/// Deadlines and failures, each with its own typed error.
@Suite("StreamingHTTPClient timeouts and failures", .timeLimit(.minutes(1)))
struct StreamingHTTPClientFailureTests {
    private let quick = HTTPClientTimeouts(connect: .milliseconds(400), firstByte: .milliseconds(400), idle: .milliseconds(400))

    @Test func serverSlowToAnswerHitsTheFirstByteTimeout() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        await #expect(throws: HTTPClientError.timeout(.firstByte)) {
            _ = try await client.stream(HTTPClientRequest(url: server.url("/chunks?first_delay=10"), timeouts: quick))
        }
    }

    @Test func streamThatStallsAfterItsFirstChunkHitsTheIdleTimeout() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let response = try await client.stream(HTTPClientRequest(url: server.url("/stall?stall=10"), timeouts: quick))
        var iterator = response.body.makeAsyncIterator()
        #expect(try await iterator.next() == Array("first\n".utf8))
        await #expect(throws: HTTPClientError.timeout(.idle)) { try await iterator.next() }
    }

    @Test func peerThatNeverAnswersTheTLSHandshakeHitsTheConnectTimeout() async throws {
        let (listener, port) = try BlockingTCPSocket.listen()  // the kernel completes TCP; nobody speaks TLS
        let client = try StreamingHTTPClient()
        let patient = HTTPClientTimeouts(connect: .milliseconds(300), firstByte: .seconds(30), idle: .seconds(30))
        await #expect(throws: HTTPClientError.timeout(.connect)) {
            _ = try await client.stream(HTTPClientRequest(url: "https://127.0.0.1:\(port)/", timeouts: patient))
        }
        _ = listener
    }

    @Test func refusedConnectionIsAConnectFailure() async throws {
        let port = try BlockingTCPSocket.unusedPort()
        let client = try StreamingHTTPClient()
        await #expect {
            _ = try await client.stream(HTTPClientRequest(url: "http://127.0.0.1:\(port)/"))
        } throws: { error in
            guard case HTTPClientError.connectFailed(let message) = error else { return false }
            return message.contains("\(port)")
        }
    }

    @Test func nonHTTPURLIsAnInvalidRequest() async throws {
        let client = try StreamingHTTPClient()
        await #expect {
            _ = try await client.stream(HTTPClientRequest(url: "file:///etc/passwd"))
        } throws: { error in
            if case HTTPClientError.invalidRequest = error { true } else { false }
        }
    }
}
