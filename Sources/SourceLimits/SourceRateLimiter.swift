/// Per-source rate limit with a ban list: a token bucket per source (`RateLimitPolicy`), the time read by
/// the caller and passed in (pure: tests drive it with a virtual clock), memory bounded by a
/// `RecencyTable` that forgets the stalest source at `maxTrackedSources`. A banned source stays fresh
/// while it keeps sending, so a flood of new (spoofed) sources evicts idle sources before an active
/// attacker's ban. Owned by one listener (or one user agent); not thread-safe (a value type).
public struct SourceRateLimiter<Source: Hashable, Instant: InstantProtocol> where Instant.Duration == Duration {
    struct Entry {
        var tokens: Double
        var refilledAt: Instant
        var bannedUntil: Instant?
    }

    public let policy: RateLimitPolicy
    private var table: RecencyTable<Source, Entry>

    public init(policy: RateLimitPolicy) {
        self.policy = policy
        table = RecencyTable(capacity: policy.maxTrackedSources)
    }

    /// Sources currently remembered (at most `policy.maxTrackedSources`).
    public var trackedSources: Int { table.count }

    /// Counts one event from `source` at `now` and says whether it is allowed. A refused event takes no
    /// token; a ban that has run out is lifted with a full bucket.
    public mutating func record(_ source: Source, at now: Instant) -> RateLimitVerdict {
        let policy = self.policy
        let full = Double(policy.burst)
        return table.update(source, default: { Entry(tokens: full, refilledAt: now, bannedUntil: nil) }) { entry in
            if let until = entry.bannedUntil {
                if now < until { return .banned(retryAfter: now.duration(to: until)) }
                entry = Entry(tokens: full, refilledAt: now, bannedUntil: nil)
            }
            let elapsed = entry.refilledAt.duration(to: now)
            if elapsed > .zero {
                entry.tokens = min(full, entry.tokens + elapsed.seconds * policy.refillPerSecond)
                entry.refilledAt = now
            }
            if entry.tokens >= 1 {
                entry.tokens -= 1
                return .allowed
            }
            if policy.banDuration > .zero {
                entry.bannedUntil = now.advanced(by: policy.banDuration)
                return .banStarted(retryAfter: policy.banDuration)
            }
            return .limited(retryAfter: .seconds((1 - entry.tokens) / policy.refillPerSecond))
        }
    }

    /// Time left on `source`'s ban at `now`; nil when it is not banned. Counts nothing and leaves the
    /// recency order alone (a cheap check before parsing).
    public func banRemaining(_ source: Source, at now: Instant) -> Duration? {
        guard let until = table.peek(source)?.bannedUntil, now < until else { return nil }
        return now.duration(to: until)
    }
}

extension SourceRateLimiter: Sendable where Source: Sendable, Instant: Sendable {}
extension SourceRateLimiter.Entry: Sendable where Instant: Sendable {}
