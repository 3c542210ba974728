/// How many events one source may cause, and what happens past that: a token bucket holding `burst`
/// tokens that refills `burst` tokens per `window` (so "30 requests in 2 s" is `burst: 30, window: 2 s`:
/// a burst of 30 passes, then 15 a second on average), and a ban of `banDuration` for a source that
/// finds the bucket empty (`.zero`: no ban, the event is only refused). `maxTrackedSources` bounds the
/// memory: past it, the source seen least recently is forgotten.
public struct RateLimitPolicy: Sendable, Hashable {
    /// Sources remembered at once by default: 10,000 entries are well under a megabyte, and a source
    /// quiet long enough to be the stalest of 10,000 has a full bucket anyway under any sane policy.
    public static let defaultMaxTrackedSources = 10_000

    /// Events allowed back to back (the bucket's size); at least 1.
    public var burst: Int
    /// Time in which an empty bucket refills completely; positive.
    public var window: Duration
    /// How long a source is refused after exceeding the rate; `.zero` refuses only the excess events.
    public var banDuration: Duration
    public var maxTrackedSources: Int

    public init(burst: Int, window: Duration, banDuration: Duration = .zero,
                maxTrackedSources: Int = RateLimitPolicy.defaultMaxTrackedSources) {
        self.burst = max(1, burst)
        self.window = window > .zero ? window : .seconds(1)
        self.banDuration = max(.zero, banDuration)
        self.maxTrackedSources = max(1, maxTrackedSources)
    }

    /// Tokens regained per second.
    var refillPerSecond: Double { Double(burst) / window.seconds }
}

/// What a rate limiter decided about one event.
public enum RateLimitVerdict: Sendable, Hashable {
    /// Within the limit.
    case allowed
    /// Over the rate with no ban configured: refused; a token returns after `retryAfter`.
    case limited(retryAfter: Duration)
    /// This event exceeded the rate: refused, and the source is banned for `retryAfter` from now.
    case banStarted(retryAfter: Duration)
    /// The source was already banned: refused for `retryAfter` more.
    case banned(retryAfter: Duration)

    public var isAllowed: Bool { self == .allowed }

    /// How long until the source may try again (zero when allowed).
    public var retryAfter: Duration {
        switch self {
        case .allowed: .zero
        case .limited(let duration), .banStarted(let duration), .banned(let duration): duration
        }
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
