import Wire

/// Timeouts, limits and keep-alive of one WebSocket client connection.
public struct WebSocketClientOptions: Sendable {
    /// TCP connect, per address tried.
    public var connectTimeout: Duration = .seconds(10)
    /// The TLS handshake, and separately the HTTP upgrade (request sent → 101 received).
    public var handshakeTimeout: Duration = .seconds(10)
    /// Largest message (all fragments) accepted from the server; a larger one is refused with close
    /// 1009 (`protocolError`), decided from frame headers before the payload is buffered.
    public var maxMessageBytes = WebSocketMessageAssembler.defaultMaxMessageBytes
    /// Send a ping after this long without receiving anything; nil turns keep-alive off.
    public var keepAliveInterval: Duration? = .seconds(5)
    /// After a keep-alive ping, the peer is declared dead (`timeout(.liveness)`) if nothing at all
    /// arrives within this. With the defaults a dead socket is noticed 5–10 s after its last byte
    /// (robustness.md: a provider socket that died must not go unnoticed for 20 s).
    public var livenessTimeout: Duration = .seconds(5)
    /// How long our close frame waits for the server's answer before the connection is dropped.
    public var closeTimeout: Duration = .seconds(3)
    /// Stream mode (`messages`): messages held for a slow consumer; at this count the connection stops
    /// reading (the server feels TCP back-pressure) until the consumer has taken half.
    public var maxBufferedMessages = 64
    /// Bytes of a rejected upgrade's body kept for `handshakeRejected`.
    public var maxRejectionBodyBytes = 4096
    /// `Origin` header, if any.
    public var origin: String?
    /// The TCP connection's limits (its connect timeout is `connectTimeout`). Its idle timeout is off by
    /// default: keep-alive pings are how a quiet provider socket is told apart from a dead one.
    public var tcp: TCPConnection.Options
    /// TLS handshake limits (its timeout is `handshakeTimeout`).
    public var tls = TLSConnection.Options()

    public init() {
        tcp = TCPConnection.Options()
        tcp.idleTimeout = nil
    }
}

/// A data message, as sent or received by a WebSocket client (pings, pongs and close frames are
/// handled by the connection itself).
public enum WebSocketClientMessage: Sendable, Equatable {
    case text(String)
    case binary([UInt8])
}

/// Receives a WebSocket client connection's messages on its loop thread, one call per message, in
/// order, never re-entrantly. Made by the factory given to `WebSocketClient.connect` after the upgrade
/// succeeded and before any message is delivered; a loop-pinned actor enters itself with
/// `assumeIsolated`. Released after `webSocketClosed`.
public protocol WebSocketClientDelegate: AnyObject {
    func webSocketReceived(_ message: WebSocketClientMessage)
    /// A send answered `.backPressure` earlier and the connection can take more now.
    func webSocketWritable()
    /// The connection ended, exactly once and last: nil after a clean close handshake (ours, or the
    /// server's with 1000), else why.
    func webSocketClosed(_ error: WebSocketClientError?)
}

/// Makes a connection's delegate on its loop thread, right after the upgrade (see `WebSocketClientDelegate`).
public typealias WebSocketClientDelegateFactory = @Sendable (WebSocketClientConnection) -> any WebSocketClientDelegate

extension WebSocketClientDelegate {
    public func webSocketWritable() {}
}
