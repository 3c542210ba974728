/// The highest nonce count seen for each nonce, so a replayed Authorization (same or lower nc) is
/// refused (RFC 7616 §3.3, robustness: "nonce counts only grow"). A value the owner keeps (one per
/// challenger); bounded: past `capacity` nonces the oldest are evicted, and any nonce issued no later
/// than an evicted one is then refused as stale, so eviction can never re-open a replay.
public struct NonceCountTracker: Hashable, Sendable {
    public static let defaultCapacity = 4096

    /// Whether a nonce count is new, a replay, or too old to judge.
    public enum Verdict: Equatable, Sendable {
        case fresh
        case replayed
        /// Older than the eviction watermark: challenge again with stale=true.
        case forgotten
    }

    public let capacity: Int
    private var highest: [String: UInt32] = [:]
    private var order: [(nonce: String, issuedAt: UInt64)] = []
    private var head = 0
    /// Issue time (ms) of the newest nonce ever evicted.
    private var evictedThrough: UInt64?

    public init(capacity: Int = defaultCapacity) { self.capacity = max(1, capacity) }

    public var count: Int { highest.count }

    /// Records `nonceCount` for `nonce` if it is higher than any seen before.
    public mutating func check(nonce: String, issuedAt: UInt64, nonceCount: UInt32) -> Verdict {
        if let last = highest[nonce] {
            guard nonceCount > last else { return .replayed }
            highest[nonce] = nonceCount
            return .fresh
        }
        if let evictedThrough, issuedAt <= evictedThrough { return .forgotten }
        guard nonceCount >= 1 else { return .replayed }
        highest[nonce] = nonceCount
        order.append((nonce, issuedAt))
        while highest.count > capacity, head < order.count {
            let victim = order[head]
            head += 1
            highest[victim.nonce] = nil
            evictedThrough = max(evictedThrough ?? 0, victim.issuedAt)
        }
        if head > capacity {
            order.removeFirst(head)
            head = 0
        }
        return .fresh
    }

    public static func == (lhs: NonceCountTracker, rhs: NonceCountTracker) -> Bool {
        lhs.highest == rhs.highest && lhs.evictedThrough == rhs.evictedThrough
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(highest) }
}
