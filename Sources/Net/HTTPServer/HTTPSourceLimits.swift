import SourceLimits

/// Per-source limits of the HTTP/WebSocket listeners, checked when a connection is accepted and before
/// any byte is parsed: new connections per second (a token bucket of `burst`), connections open at once,
/// and an optional ban for a source that exceeds the rate. A refused plain-HTTP connection gets `429 Too
/// Many Requests` with `Retry-After` and is closed; over TLS it is closed (no handshake is spent on it).
/// Sources are keyed by IP address (any port); `isExempt` names sources never limited (a load balancer
/// or health checker in front of the server, whose connections all share its address).
/// `switchboard serve` reads them from `limits.http_per_source`.
public struct HTTPSourceLimits: Sendable {
    /// New connections a source may open per second on average.
    public var newConnectionsPerSecond: Int
    /// New connections a source may open back to back (the bucket's size).
    public var burst: Int
    /// Connections (HTTP and WebSocket) one source may hold open at once.
    public var maxOpenPerSource: Int
    /// How long a source that exceeds the rate is refused; `.zero`: only the excess is refused.
    public var banDuration: Duration
    /// Sources remembered by the rate limiter (the stalest is forgotten past it).
    public var maxTrackedSources: Int
    /// Sources never limited; nil: none.
    public var isExempt: (@Sendable (SocketAddress) -> Bool)?

    public init(newConnectionsPerSecond: Int, burst: Int, maxOpenPerSource: Int, banDuration: Duration = .zero,
                maxTrackedSources: Int = RateLimitPolicy.defaultMaxTrackedSources,
                isExempt: (@Sendable (SocketAddress) -> Bool)? = nil) {
        self.newConnectionsPerSecond = max(1, newConnectionsPerSecond)
        self.burst = max(1, burst)
        self.maxOpenPerSource = max(1, maxOpenPerSource)
        self.banDuration = banDuration
        self.maxTrackedSources = maxTrackedSources
        self.isExempt = isExempt
    }

    /// The token bucket: `burst` tokens, refilled at `newConnectionsPerSecond`.
    var ratePolicy: RateLimitPolicy {
        RateLimitPolicy(burst: burst, window: .seconds(Double(burst) / Double(newConnectionsPerSecond)),
                        banDuration: banDuration, maxTrackedSources: maxTrackedSources)
    }
}
