import Wire

/// A valid WebSocket upgrade request, as a route's decision closure sees it (on the loop thread):
/// authenticate here (Twilio signature, capacity) and return a handler, or nil to refuse with 403.
public struct WebSocketUpgrade: Sendable {
    /// The HTTP request that asked to upgrade (path, query, headers such as `X-Twilio-Signature`).
    public var head: HTTPRequestHead
    /// Key, offered subprotocols and origin, already validated.
    public var request: WebSocketUpgradeRequest
    public var remoteAddress: SocketAddress?
    /// The loop the session will run on: pin a per-call actor to it.
    public var loop: EventLoop

    public init(head: HTTPRequestHead, request: WebSocketUpgradeRequest, remoteAddress: SocketAddress?, loop: EventLoop) {
        self.head = head
        self.request = request
        self.remoteAddress = remoteAddress
        self.loop = loop
    }

    public var path: Substring { head.path }
    public var query: Substring? { head.query }
}
