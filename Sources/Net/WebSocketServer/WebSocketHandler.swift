import Wire

/// The application side of one server WebSocket session (a Twilio or PCM media stream, a test echo).
/// Every call happens on the session's loop thread, in order, never re-entrantly from inside a
/// `WebSocketConnection` method: send from here with no hop and no task per message.
public protocol WebSocketHandler: AnyObject {
    /// The subprotocol to accept, chosen from `WebSocketUpgrade.request.subprotocols` (echoed only
    /// if the client offered it). Default nil.
    var subprotocol: String? { get }
    /// The 101 answer is queued; `connection` can send at once. Called first.
    func opened(_ connection: WebSocketConnection)
    /// A whole `.text` or `.binary` message, or a `.pong`. Pings are answered by the session and
    /// close frames end it (`closed`); neither is delivered here. Nothing arrives after our own close.
    func received(_ message: WebSocketMessage, on connection: WebSocketConnection)
    /// Output dropped below the low-water mark after a send answered `.backPressure`.
    func writable(_ connection: WebSocketConnection)
    /// The session ended; called exactly once, last. `code` is the peer's close code when it closed
    /// (1005 for an empty close frame), ours when we closed or failed the connection (1002, 1007,
    /// 1009…), 1006 when the TCP connection was lost without a close frame.
    func closed(code: WebSocketCloseCode, reason: String)
}

extension WebSocketHandler {
    public var subprotocol: String? { nil }
    public func opened(_ connection: WebSocketConnection) {}
    public func writable(_ connection: WebSocketConnection) {}
}
