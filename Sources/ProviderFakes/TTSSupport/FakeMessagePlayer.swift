import Net
import Wire

/// Plays a list of WebSocket text messages on a fake's connection with loop timers: a first delay, a
/// pause between messages, then an ending (stop quietly, stall, or drop the connection). Cancelled when
/// the client cancels the context. Loop thread only.
final class FakeMessagePlayer {
    enum Ending {
        case none
        /// After `afterMessages` messages, send nothing more.
        case stall(afterMessages: Int)
        /// After `afterMessages` messages, close the socket with 1011 (server error).
        case disconnect(afterMessages: Int)
        /// After the last message, close the socket normally.
        case close
    }

    private let connection: WebSocketConnection
    private let messages: [String]
    private let interval: Duration
    private let ending: Ending
    private var timer: TimerHandle?
    private var cancelled = false

    init(connection: WebSocketConnection, messages: [String], interval: Duration, ending: Ending) {
        self.connection = connection
        self.messages = messages
        self.interval = interval
        self.ending = ending
    }

    func start(after delay: Duration) { schedule(delay) { [self] in send(0) } }

    func cancel() {
        cancelled = true
        timer?.cancel()
        timer = nil
    }

    private func send(_ index: Int) {
        guard !cancelled, connection.isOpen else { return }
        switch ending {
        case .stall(let after) where index >= after: return
        case .disconnect(let after) where index >= after:
            connection.close(code: .internalError, reason: "fake disconnect")
            return
        default: break
        }
        guard index < messages.count else {
            if case .close = ending { connection.close(code: .normalClosure) }
            return
        }
        connection.send(text: messages[index])
        schedule(interval) { [self] in send(index + 1) }
    }

    private func schedule(_ delay: Duration, _ body: @escaping () -> Void) {
        if delay == .zero {
            body()
        } else {
            timer = connection.loop.scheduleLocalTimer(after: delay, body)
        }
    }
}
