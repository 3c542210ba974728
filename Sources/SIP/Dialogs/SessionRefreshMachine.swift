/// Runs a negotiated session timer (RFC 4028 §10): as refresher it asks for a refresh at half the
/// interval and reports expiry if the refresh has not succeeded by the expiry point; otherwise it reports
/// expiry when no refresh arrived in time (the owner then sends BYE). Events in, actions out, with the
/// instant injected, like the transaction machines.
public struct SessionRefreshMachine: Hashable, Sendable {
    /// What the owner does next.
    public enum Action: Hashable, Sendable {
        /// Call `timerFired(at:)` at this instant (replaces any earlier deadline).
        case startTimer(at: SIPInstant)
        /// Send a re-INVITE or UPDATE with `timer.header` now.
        case sendRefresh(SessionTimer)
        /// The session expired: send BYE and end the call.
        case expired
    }

    public private(set) var timer: SessionTimer
    public private(set) var deadline: SIPInstant?
    /// True between `sendRefresh` and the refresh's success.
    public private(set) var isRefreshing = false
    private var lastRefresh: SIPInstant = .origin

    public init(timer: SessionTimer) { self.timer = timer }

    /// The session started (2xx sent or received) at `now`.
    public mutating func start(at now: SIPInstant) -> [Action] { refreshed(at: now) }

    /// A refresh succeeded (ours answered 2xx, or the peer's re-INVITE/UPDATE was accepted), possibly with
    /// new values.
    public mutating func refreshed(with timer: SessionTimer? = nil, at now: SIPInstant) -> [Action] {
        if let timer { self.timer = timer }
        isRefreshing = false
        lastRefresh = now
        let due = now.advanced(by: self.timer.weRefresh ? self.timer.refreshDelay : self.timer.expiryDelay)
        deadline = due
        return [.startTimer(at: due)]
    }

    /// Our refresh was refused with 422 and `Min-SE: minSE` (§7.4): try again at once with a larger interval.
    public mutating func refreshRefused(minSE: UInt32, at now: SIPInstant) -> [Action] {
        timer = timer.raised(toAtLeast: minSE)
        return [.sendRefresh(timer)]
    }

    public mutating func timerFired(at now: SIPInstant) -> [Action] {
        guard let deadline, deadline <= now else { return [] }
        self.deadline = nil
        guard timer.weRefresh, !isRefreshing else { return [.expired] }
        isRefreshing = true
        let expiry = lastRefresh.advanced(by: timer.expiryDelay)
        self.deadline = expiry
        return [.sendRefresh(timer), .startTimer(at: expiry)]
    }
}
