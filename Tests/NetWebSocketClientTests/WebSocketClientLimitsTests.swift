import SwitchboardTesting
import Testing
import Wire
@testable import Net

/// Bounds: a message over `maxMessageBytes` is refused with 1009, and a slow consumer pauses reading
/// instead of buffering without bound.
@Suite("WebSocket client limits")
struct WebSocketClientLimitsTests {
    @Test func oversizeMessageFromServerIsRefusedWithClose1009() async throws {
        let server = try await PythonWebSocketServer.start()
        var options = WebSocketClientOptions()
        options.maxMessageBytes = 1000
        let outcome = try await withTimeout(10, "oversize") { [options] in
            let connection = try await WebSocketClient.connect(url: server.url("/oversize?n=5000"), on: TestLoops.group, options: options)
            return await drain(connection)
        }
        guard case .protocolError(let code, _) = outcome.error else {
            Issue.record("expected protocolError, got \(String(describing: outcome.error))")
            return
        }
        #expect(code == .messageTooBig)
        #expect(outcome.messages.isEmpty)
        #expect(try await server.closeLine(for: "/oversize").contains("code=1009"))
    }

    @Test func slowConsumerPausesReadingAndStillGetsEveryMessageInOrder() async throws {
        let server = try await PythonWebSocketServer.start()
        var options = WebSocketClientOptions()
        options.maxBufferedMessages = 4
        let count = 300
        let (texts, pauses) = try await withTimeout(20, "burst") { [options] in
            let connection = try await WebSocketClient.connect(url: server.url("/burst?n=\(count)"), on: TestLoops.group, options: options)
            var texts: [String] = []
            for try await message in connection.messages {
                guard case .text(let text) = message else { continue }
                texts.append(text)
                if texts.count == count { break }
            }
            let pauses = try await connection.loop.submit { connection.session.consumerPauses }
            await connection.close()
            return (texts, pauses)
        }
        #expect(texts == (0..<count).map { "message \($0)" })
        #expect(pauses > 0)  // 300 messages arrive faster than they are taken: the buffer filled
    }
}

@Suite("WebSocket client back-pressure and closing")
struct WebSocketClientBackPressureTests {
    @Test func sendsToAServerThatStopsReadingReportBackPressureAndTheCloseTimesOut() async throws {
        let server = try await PythonWebSocketServer.start()
        var options = WebSocketClientOptions()
        options.keepAliveInterval = nil
        options.closeTimeout = .milliseconds(300)
        options.tcp.sendBufferBytes = 64 * 1024
        let (queuedBeforePressure, writable, outcome) = try await withTimeout(20, "back-pressure") { [options] in
            let connection = try await WebSocketClient.connect(url: server.url("/silent"), on: TestLoops.group, options: options)
            let chunk = pattern(64 * 1024)
            let (queued, writable) = try await connection.loop.submit {
                var sent = 0
                // Bounded: the kernel buffers on both sides hold a few MiB at most.
                while sent < 64 << 20 {
                    let status = chunk.withUnsafeBytes { connection.sendOnLoop(binary: $0) }
                    sent += chunk.count
                    if status == .backPressure { break }
                    guard status == .accepted else { return (-1, true) }
                }
                return (sent, connection.isWritableOnLoop)
            }
            await connection.close()  // the server never reads our close frame
            return (queued, writable, await connection.closed())
        }
        #expect(queuedBeforePressure > 0 && queuedBeforePressure < 64 << 20)
        #expect(!writable)
        #expect(outcome == .timeout(.closeHandshake))
    }
}
