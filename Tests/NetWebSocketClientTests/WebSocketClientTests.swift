import SwitchboardTesting
import Net
import Testing
import Wire

/// Our client against a real Python `websockets` 10.4 server (Fixtures/ws_server.py), over ws://.
@Suite("WebSocket client against Python websockets")
struct WebSocketClientTests {
    @Test func echoesTextAndBinaryMessagesAcrossEveryLengthEncoding() async throws {
        let server = try await PythonWebSocketServer.start()
        try await withTimeout(30, "echo") {
            let connection = try await WebSocketClient.connect(url: server.url("/echo"), on: TestLoops.group)
            var messages = connection.messages.makeAsyncIterator()
            // 7-bit, 16-bit (126 and 65535) and 64-bit (65536, 1 MiB) length encodings, both ways.
            for size in [0, 125, 126, 65535, 65536, 1 << 20] {
                let binary = pattern(size, seed: UInt8(truncatingIfNeeded: size))
                try await connection.send(.binary(binary))
                #expect(try await messages.next() == .binary(binary), "binary of \(size) bytes")
                let text = textPattern(size)
                try await connection.send(text: text)
                #expect(try await messages.next() == .text(text), "text of \(size) bytes")
            }
            await connection.close()
            #expect(await connection.closed() == nil)
        }
        #expect(try await server.closeLine(for: "/echo").contains("code=1000"))
    }

    @Test func reassemblesFragmentedMessagesFromTheServer() async throws {
        let server = try await PythonWebSocketServer.start()
        let received = try await withTimeout(10, "fragments") {
            let connection = try await WebSocketClient.connect(url: server.url("/fragments"), on: TestLoops.group)
            var messages = connection.messages.makeAsyncIterator()
            let first = try await messages.next()
            let second = try await messages.next()
            await connection.close()
            return [first, second]
        }
        #expect(received == [.text("Hello, world"), .binary([1, 2, 3, 4, 5])])
    }

    @Test func answersTheServersPingWithAPong() async throws {
        let server = try await PythonWebSocketServer.start()
        let reply = try await withTimeout(10, "pong") {
            let connection = try await WebSocketClient.connect(url: server.url("/ping"), on: TestLoops.group)
            var messages = connection.messages.makeAsyncIterator()
            defer { Task { await connection.close() } }
            return try await messages.next()
        }
        #expect(reply == .text("pong received"))  // sent by the server only once our pong arrived
    }

    @Test func reportsTheServersCloseCodeAndReasonAndEchoesTheCode() async throws {
        let server = try await PythonWebSocketServer.start()
        let outcome = try await withTimeout(10, "close") {
            let connection = try await WebSocketClient.connect(url: server.url("/close"), on: TestLoops.group)
            return await drain(connection)
        }
        #expect(outcome.messages.isEmpty)
        #expect(outcome.error == .closedByPeer(code: WebSocketCloseCode(4001), reason: "bye now"))
        #expect(try await server.closeLine(for: "/close").contains("code=4001"))
    }

    @Test func rejectedUpgradeThrowsTheStatusHeadersAndBody() async throws {
        let server = try await PythonWebSocketServer.start()
        let error = try await withTimeout(10, "reject") { await connectError(server.url("/reject")) }
        guard case .handshakeRejected(let status, let headers, let body) = error else {
            Issue.record("expected handshakeRejected, got \(String(describing: error))")
            return
        }
        #expect(status == 403)
        #expect(headers["x-refused-by"] == "test")
        #expect(body == "forbidden by test\n")
    }

    @Test func sendsExtraHeadersAndAgreesOnAnOfferedSubprotocol() async throws {
        let server = try await PythonWebSocketServer.start()
        let (reply, subprotocol) = try await withTimeout(10, "headers") {
            let connection = try await WebSocketClient.connect(
                url: server.url("/headers"), headers: ["Authorization": "Token secret-key"], subprotocols: ["chat.v1"],
                on: TestLoops.group)
            var messages = connection.messages.makeAsyncIterator()
            let reply = try await messages.next()
            await connection.close()
            return (reply, connection.subprotocol)
        }
        #expect(reply == .text("authorization=Token secret-key subprotocol=chat.v1"))
        #expect(subprotocol == "chat.v1")
    }

    @Test func refusedConnectionThrowsConnectFailed() async throws {
        // A port that was just free: nothing listens there.
        let listener = try await TCPListener.bind(.loopbackIPv4(), on: TestLoops.group) { _ in IgnoringHandler() }
        let port = listener.localAddress.port
        await listener.close()
        let error = try await withTimeout(10, "refused") { await connectError("ws://127.0.0.1:\(port)/") }
        guard case .connectFailed(let systemError) = error else {
            Issue.record("expected connectFailed, got \(String(describing: error))")
            return
        }
        #expect(systemError.errno == 111)  // ECONNREFUSED
    }

    @Test func refusesBadURLsAndInjectedHeadersBeforeConnecting() async {
        #expect(await connectError("http://127.0.0.1/") == .invalidURL("http://127.0.0.1/"))
        let injected = await connectError("ws://127.0.0.1:9/", headers: ["X-Evil": "a\r\nHost: other"])
        guard case .invalidRequest = injected else {
            Issue.record("expected invalidRequest, got \(String(describing: injected))")
            return
        }
    }
}

/// A server-side handler that ignores everything.
final class IgnoringHandler: ConnectionHandler {
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {}
    func connectionClosed(_ reason: CloseReason) {}
}
