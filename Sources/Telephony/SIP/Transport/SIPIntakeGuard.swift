import Agents
import Net
import SIP
import SourceLimits

/// The SIP intake's abuse filter, owned by the user agent (loop-confined): the flood limiter for sources
/// outside every trunk (`sip.flood`: a token bucket per source address with a ban list, its memory
/// bounded) and the scanner User-Agent list (`sip.scanner_user_agents`). It decides; the user agent
/// drops, counts and reports. Trunk sources never reach the limiter, so they can never be banned.
struct SIPIntakeGuard {
    /// Sources the flood limiter remembers at most (the stalest is forgotten beyond it).
    static let maxTrackedSources = 10_000

    /// Lowercased substrings; empty: no scanner filter.
    let scannerUserAgents: [String]
    /// Nil when `sip.flood.max_requests` is 0.
    private(set) var limiter: SourceRateLimiter<SocketAddress.IP, ContinuousClock.Instant>?

    init(config: SIPConfig) {
        scannerUserAgents = config.scannerUserAgents
        let flood = config.flood
        if flood.maxRequests > 0 {
            limiter = SourceRateLimiter(policy: RateLimitPolicy(
                burst: flood.maxRequests, window: .milliseconds(flood.windowMilliseconds),
                banDuration: .seconds(flood.banSeconds), maxTrackedSources: Self.maxTrackedSources))
        }
    }

    /// Whether `request` comes from a scanner (its User-Agent holds one of the configured substrings).
    func isScanner(_ request: SIPRequest) -> Bool {
        guard !scannerUserAgents.isEmpty, let agent = request.headers.firstValue("User-Agent")?.lowercased() else { return false }
        return scannerUserAgents.contains { agent.contains($0) }
    }

    /// Time left on `source`'s ban; nil when not banned (or no limit is configured). Counts nothing.
    func banRemaining(_ source: SocketAddress, at now: ContinuousClock.Instant) -> Duration? {
        limiter?.banRemaining(source.ip, at: now)
    }

    /// Counts one request from `source` (not a trunk source).
    mutating func record(_ source: SocketAddress, at now: ContinuousClock.Instant) -> RateLimitVerdict {
        limiter?.record(source.ip, at: now) ?? .allowed
    }
}

/// Why the intake dropped a SIP message unanswered.
public enum SIPIntakeDropReason: String, Sendable, Hashable {
    /// Its User-Agent names a scanner (SIPVicious `friendly-scanner`, sipcli, …).
    case scanner
    /// Its source is banned, or this request exceeded the flood limit and started the ban.
    case banned
}
