import SourceLimits

/// The shell around the pure per-source limiters for one `HTTPServer`: every listener's accepted
/// connections pass through `admit` (on whichever loop adopts them, hence the lock) and admitted ones
/// call `release` once when they close. Reads the continuous clock; the decisions are the limiters'.
final class HTTPSourceAdmission: Sendable {
    /// Why a connection was refused (the `reason` label of `switchboard_http_connections_refused_total`).
    enum Refusal: String, Sendable {
        /// The source opened connections faster than `newConnectionsPerSecond` / `burst`.
        case rate
        /// The source is banned for exceeding the rate earlier.
        case banned
        /// The source already holds `maxOpenPerSource` connections.
        case open = "per_source_open"
    }

    enum Decision: Sendable, Equatable {
        case admitted
        /// `banStarted`: this connection started the source's ban.
        case refused(Refusal, retryAfterSeconds: Int, banStarted: Bool)
    }

    private struct State: Sendable {
        var rate: SourceRateLimiter<SocketAddress.IP, ContinuousClock.Instant>
        var open: SourceConnectionCounter<SocketAddress.IP>
    }

    let limits: HTTPSourceLimits
    private let state: Locked<State>

    init(limits: HTTPSourceLimits) {
        self.limits = limits
        state = Locked(State(rate: SourceRateLimiter(policy: limits.ratePolicy),
                             open: SourceConnectionCounter(maxPerSource: limits.maxOpenPerSource)))
    }

    /// Whether the source exempt from every limit.
    func isExempt(_ source: SocketAddress) -> Bool { limits.isExempt?(source) ?? false }

    /// Counts a new connection from `source` (not exempt); `.admitted` must be followed by `release`.
    func admit(_ source: SocketAddress) -> Decision {
        let now = ContinuousClock.now
        return state.withLock { state in
            let verdict = state.rate.record(source.ip, at: now)
            switch verdict {
            case .allowed:
                return state.open.open(source.ip) ? .admitted : .refused(.open, retryAfterSeconds: 1, banStarted: false)
            case .limited(let after):
                return .refused(.rate, retryAfterSeconds: Self.wholeSeconds(after), banStarted: false)
            case .banStarted(let after):
                return .refused(.banned, retryAfterSeconds: Self.wholeSeconds(after), banStarted: true)
            case .banned(let after):
                return .refused(.banned, retryAfterSeconds: Self.wholeSeconds(after), banStarted: false)
            }
        }
    }

    /// An admitted connection of `source` closed.
    func release(_ source: SocketAddress) {
        state.withLock { $0.open.close(source.ip) }
    }

    /// RFC 9110 §10.2.3: Retry-After in whole seconds, rounded up, at least 1.
    static func wholeSeconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return max(1, Int(parts.seconds) + (parts.attoseconds > 0 ? 1 : 0))
    }
}
