import Net
import Wire

/// What a test WebSocket handler saw, in order.
enum WebSocketEvent: Sendable, Equatable {
    case opened(path: String)
    case received(String)
    case pong
    case backPressure
    case writable
    case closed(code: UInt16, reason: String)

    var closeCode: UInt16? { if case .closed(let code, _) = self { code } else { nil } }
}

/// Echoes text and binary messages. Text commands: `close:CODE` closes with CODE; `flood` sends
/// 64 KiB binary messages until a send reports back-pressure, then `drained` once writable.
final class TestWebSocketHandler: WebSocketHandler {
    /// Upper bound on what `flood` sends if back-pressure never comes (it must come far earlier).
    static let floodLimitBytes = 256 * 1024 * 1024
    static let floodChunk = [UInt8](repeating: 0x5A, count: 64 * 1024)

    let events: EventLog<WebSocketEvent>
    let subprotocol: String?
    private var flooding = false

    init(events: EventLog<WebSocketEvent>, subprotocol: String?) {
        self.events = events
        self.subprotocol = subprotocol
    }

    func opened(_ connection: WebSocketConnection) { events.record(.opened(path: connection.path)) }

    func received(_ message: WebSocketMessage, on connection: WebSocketConnection) {
        switch message {
        case .text(let text):
            events.record(.received(text))
            if text.hasPrefix("close:"), let code = UInt16(text.dropFirst(6)) {
                connection.close(code: WebSocketCloseCode(code), reason: "as requested")
            } else if text == "flood" {
                flood(connection)
            } else {
                connection.send(text: text)
            }
        case .binary(let bytes):
            events.record(.received("binary \(bytes.count)"))
            connection.send(binary: bytes)
        case .pong:
            events.record(.pong)
        case .ping, .close:
            events.record(.received("unexpected control message"))
        }
    }

    private func flood(_ connection: WebSocketConnection) {
        var sent = 0
        while sent < Self.floodLimitBytes {
            let status = connection.send(binary: Self.floodChunk)
            sent += Self.floodChunk.count
            if status == .backPressure {
                flooding = true
                events.record(.backPressure)
                return
            }
            if status == .closed { return }
        }
    }

    func writable(_ connection: WebSocketConnection) {
        events.record(.writable)
        if flooding {
            flooding = false
            connection.send(text: "drained")
        }
    }

    func closed(code: WebSocketCloseCode, reason: String) { events.record(.closed(code: code.rawValue, reason: reason)) }
}
