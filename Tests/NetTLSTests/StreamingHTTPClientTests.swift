@testable import Net
import Testing

/// The streaming client against a real local server (Python's http.server, `Fixtures/streaming_server.py`).
@Suite("StreamingHTTPClient over plain HTTP", .timeLimit(.minutes(1)))
struct StreamingHTTPClientTests {
    @Test func chunksArriveWhileTheServerIsStillSending() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let response = try await client.stream(HTTPClientRequest(url: server.url("/chunks?n=4&delay=0.4")))
        #expect(response.head.status == 200 && response.head.version == .http1_1)
        var iterator = response.body.makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first == Array("chunk-0\n".utf8))
        #expect(server.events("DONE").isEmpty)  // the server is still between chunks
        var rest: [UInt8] = []
        while let chunk = try await iterator.next() { rest += chunk }
        #expect(String(decoding: rest, as: UTF8.self) == "chunk-1\nchunk-2\nchunk-3\n")
    }

    @Test func sseEventsStreamInOrder() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let response = try await client.stream(HTTPClientRequest(url: server.url("/sse?n=3&delay=0.01"), headers: ["Accept": "text/event-stream"]))
        #expect(response.head.headers["content-type"] == "text/event-stream")
        let text = String(decoding: try await response.body.collect(upTo: 10_000), as: UTF8.self)
        #expect(text == "data: {\"i\": 0}\n\ndata: {\"i\": 1}\n\ndata: {\"i\": 2}\n\ndata: [DONE]\n\n")
    }

    @Test func postBodyIsSentWithItsMethod() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let json = Array(("{\"messages\":[" + String(repeating: "\"hello\",", count: 20_000) + "\"end\"]}").utf8)
        for method in ["POST", "PUT"] {
            let response = try await client.stream(HTTPClientRequest(
                url: server.url("/echo"), method: method, headers: ["Content-Type": "application/json"], body: json))
            #expect(response.head.headers["X-Method"] == method)
            #expect(try await response.body.collect(upTo: 1 << 20) == json)
        }
    }

    @Test func errorStatusesComeBackWithHeadersAndBody() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let limited = try await client.stream(HTTPClientRequest(url: server.url("/status?code=429&retry_after=7")))
        #expect(limited.head.status == 429 && !limited.head.isSuccess && limited.head.retryAfter == .seconds(7))
        #expect(try await limited.body.collect(upTo: 1000) == Array("{\"error\":\"try later\"}".utf8))
        let failed = try await client.stream(HTTPClientRequest(url: server.url("/status?code=500")))
        #expect(failed.head.status == 500 && failed.head.retryAfter == nil)
    }

    @Test func sequentialRequestsReuseOneConnectionUnlessTold() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        var connectionIDs: [String?] = []
        for reuse in [true, true, false] {
            let response = try await client.stream(HTTPClientRequest(url: server.url("/chunks?n=2&delay=0"), reusesConnection: reuse))
            connectionIDs.append(response.head.headers["X-Connection-Id"])
            _ = try await response.body.collect(upTo: 1000)
        }
        #expect(connectionIDs[0] != nil && connectionIDs[0] == connectionIDs[1])
        #expect(connectionIDs[2] != connectionIDs[1])
        #expect(server.events("CONNECT").count == 2)
    }

    @Test func explicitCancelClosesTheConnectionAtOnce() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let response = try await client.stream(HTTPClientRequest(url: server.url("/chunks?n=1000&delay=0.02")))
        var iterator = response.body.makeAsyncIterator()
        _ = try await iterator.next()
        response.cancel()
        await #expect(throws: CancellationError.self) { try await iterator.next() }
        _ = try await server.process.line(containing: "DISCONNECT /chunks")
    }

    @Test func cancellingTheReadingTaskAbortsTheTransfer() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let (firstChunk, signal) = AsyncStream.makeStream(of: Void.self)
        let reader = Task {
            let response = try await client.stream(HTTPClientRequest(url: server.url("/chunks?n=1000&delay=0.02")))
            for try await _ in response.body { signal.yield() }
        }
        for await _ in firstChunk { break }
        reader.cancel()
        await #expect(throws: CancellationError.self) { try await reader.value }
        _ = try await server.process.line(containing: "DISCONNECT /chunks")
    }

    @Test func leavingTheLoopEarlyAbortsTheTransfer() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let response = try await client.stream(HTTPClientRequest(url: server.url("/chunks?n=1000&delay=0.02")))
        for try await chunk in response.body {
            #expect(chunk == Array("chunk-0\n".utf8))
            break
        }
        _ = try await server.process.line(containing: "DISCONNECT /chunks")
        #expect(server.events("DONE").isEmpty)
    }

    @Test func slowConsumerPausesTheTransferAndLosesNothing() async throws {
        let server = try await TestHTTPServer.start()
        let limit = 64 * 1024
        let client = try StreamingHTTPClient(configuration: .init(maxBufferedBodyBytes: limit))
        let size = 8_000_000
        let response = try await client.stream(HTTPClientRequest(url: server.url("/large?bytes=\(size)")))
        let channel = response.body.owner.channel
        await channel.untilPaused()
        #expect(channel.bufferedBytes >= limit && channel.bufferedBytes <= limit + 64 * 1024)
        var received: [UInt8] = []
        received.reserveCapacity(size)
        for try await chunk in response.body { received += chunk }
        let block = (0..<251).map { UInt8($0) }  // the server sends byte i = i % 251
        var expected: [UInt8] = []
        while expected.count < size { expected += block }
        #expect(received == Array(expected.prefix(size)))
        #expect(channel.pauseCount >= 1)
    }

    @Test func headerWithALineBreakIsRefusedBeforeSending() async throws {
        let client = try StreamingHTTPClient()
        await #expect(throws: HTTPClientError.invalidRequest("header \"X-Evil\" has a forbidden character")) {
            _ = try await client.stream(HTTPClientRequest(url: "http://127.0.0.1:9/", headers: ["X-Evil": "a\r\nHost: other"]))
        }
    }

    @Test func shutdownFailsTransfersStillRunning() async throws {
        let server = try await TestHTTPServer.start()
        let client = try StreamingHTTPClient()
        let response = try await client.stream(HTTPClientRequest(url: server.url("/stall?stall=20")))
        var iterator = response.body.makeAsyncIterator()
        #expect(try await iterator.next() == Array("first\n".utf8))
        client.shutdown()
        await #expect(throws: HTTPClientError.clientShutDown) { try await iterator.next() }
        await #expect(throws: HTTPClientError.clientShutDown) { _ = try await client.stream(HTTPClientRequest(url: server.url("/sse"))) }
    }
}
