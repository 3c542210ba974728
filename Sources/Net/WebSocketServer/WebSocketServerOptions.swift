import Wire

/// Limits and timeouts of the server side of WebSocket sessions.
public struct WebSocketServerOptions: Sendable {
    /// How long after sending our close frame we wait for the peer's before closing the TCP
    /// connection anyway (RFC 6455 §7.1.1 leaves it to the endpoint; Python websockets waits 10 s).
    public static let defaultCloseTimeout: Duration = .seconds(5)

    /// Largest reassembled message (and frame); beyond it the session closes with 1009. The server
    /// config's `limits.max_websocket_message_bytes` sets it.
    public var maxMessageBytes: Int
    public var closeTimeout: Duration

    public init(maxMessageBytes: Int = WebSocketMessageAssembler.defaultMaxMessageBytes,
                closeTimeout: Duration = defaultCloseTimeout) {
        self.maxMessageBytes = maxMessageBytes
        self.closeTimeout = closeTimeout
    }
}
