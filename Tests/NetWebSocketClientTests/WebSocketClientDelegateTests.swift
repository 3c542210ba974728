import SwitchboardTesting
import Net
import Testing
import Wire

/// Delegate mode: messages handled on the loop thread, sends from the loop thread.
@Suite("WebSocket client delegate")
struct WebSocketClientDelegateTests {
    enum Event: Sendable, Equatable {
        case received(WebSocketClientMessage, onLoop: Bool)
        case closed(WebSocketClientError?)
    }

    final class RecordingDelegate: WebSocketClientDelegate {
        let connection: WebSocketClientConnection
        let log: EventLog<Event>
        init(_ connection: WebSocketClientConnection, log: EventLog<Event>) {
            self.connection = connection
            self.log = log
        }
        func webSocketReceived(_ message: WebSocketClientMessage) {
            log.record(.received(message, onLoop: connection.loop.inEventLoop))
        }
        func webSocketClosed(_ error: WebSocketClientError?) { log.record(.closed(error)) }
    }

    @Test func delegateReceivesEchoesOnTheLoopThreadAndHearsTheCleanClose() async throws {
        let server = try await PythonWebSocketServer.start()
        let log = EventLog<Event>()
        let connection = try await WebSocketClient.connect(url: server.url("/echo"), on: TestLoops.group) { connection in
            RecordingDelegate(connection, log: log)
        }
        let statuses = try await connection.loop.submit {
            [connection.sendOnLoop(text: "hello"), connection.sendOnLoop(.binary([9, 8, 7]))]
        }
        #expect(statuses == [.accepted, .accepted])
        let received = try await log.collect(2, "two echoes") { if case .received = $0 { true } else { false } }
        #expect(received == [.received(.text("hello"), onLoop: true), .received(.binary([9, 8, 7]), onLoop: true)])
        connection.loop.execute { connection.closeOnLoop() }
        #expect(try await log.first("close") { if case .closed = $0 { true } else { false } } == .closed(nil))
    }
}
