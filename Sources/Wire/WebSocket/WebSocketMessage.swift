/// A whole WebSocket message as the assembler yields it: data messages reassembled from their
/// fragments (text already checked as UTF-8), control frames as they come.
public enum WebSocketMessage: Sendable, Equatable {
    case text(String)
    case binary([UInt8])
    /// Answer with a pong carrying the same payload.
    case ping([UInt8])
    case pong([UInt8])
    /// The peer closes; `code` is nil when the close frame had no payload (report 1005 locally).
    case close(code: WebSocketCloseCode?, reason: String)
}
