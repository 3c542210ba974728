/// Remembers how one provider has been doing and says whether to send it requests: closed (send),
/// open (skip it until a cool-down passes) or half-open (let a few probes through to test recovery).
///
/// A pure value: the owner (a provider router) passes the current instant into every call, so tests drive
/// it on explicit instants and production passes `ContinuousClock.now`. Cancelled requests are not
/// outcomes (see `ProviderError.countsAgainstProvider`).
public struct CircuitBreaker<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// The breaker's position.
    public enum State: Sendable, Hashable {
        case closed
        /// Requests are refused until `until`.
        case open(until: Instant)
        case halfOpen
    }

    private struct Outcome: Sendable {
        var at: Instant
        var failed: Bool
    }

    public let policy: CircuitBreakerPolicy
    public private(set) var state: State = .closed
    private var consecutiveFailures = 0
    private var outcomes: [Outcome] = []
    private var probesInFlight = 0

    public init(policy: CircuitBreakerPolicy = CircuitBreakerPolicy()) {
        self.policy = policy
    }

    /// Asks to send one request at `now`. Returns false while open; after the cool-down the first asker
    /// becomes a half-open probe. A `true` answer must be followed by `recordSuccess` or `recordFailure`
    /// (or `recordCancellation`) for that request.
    public mutating func allowsRequest(at now: Instant) -> Bool {
        switch state {
        case .closed:
            return true
        case .open(let until):
            guard now >= until else { return false }
            state = .halfOpen
            probesInFlight = 1
            return true
        case .halfOpen:
            guard probesInFlight < policy.halfOpenProbes else { return false }
            probesInFlight += 1
            return true
        }
    }

    /// Whether a request at `now` would be allowed, without taking a probe slot.
    public func isAvailable(at now: Instant) -> Bool {
        switch state {
        case .closed: true
        case .open(let until): now >= until
        case .halfOpen: probesInFlight < policy.halfOpenProbes
        }
    }

    /// A request finished well. A half-open probe's success closes the breaker and forgets the past.
    public mutating func recordSuccess(at now: Instant) {
        switch state {
        case .halfOpen:
            close()
        case .closed:
            consecutiveFailures = 0
            remember(Outcome(at: now, failed: false), now: now)
        case .open:
            break  // a request started before the breaker opened; its news is stale
        }
    }

    /// A request failed in a way that counts against the provider.
    public mutating func recordFailure(at now: Instant) {
        switch state {
        case .halfOpen:
            open(at: now)
        case .closed:
            consecutiveFailures += 1
            remember(Outcome(at: now, failed: true), now: now)
            if consecutiveFailures >= policy.consecutiveFailureLimit || failureRateExceeded() {
                open(at: now)
            }
        case .open:
            break
        }
    }

    /// A request that was allowed ended without an outcome (its owner cancelled it): frees a probe slot.
    public mutating func recordCancellation() {
        if state == .halfOpen, probesInFlight > 0 { probesInFlight -= 1 }
    }

    /// Records how a stream ended: `nil` for success, otherwise its error (cancellation is not counted).
    public mutating func record(_ error: ProviderError?, at now: Instant) {
        guard let error else { return recordSuccess(at: now) }
        if error.countsAgainstProvider { recordFailure(at: now) } else { recordCancellation() }
    }

    /// Fraction of failed outcomes inside the window ending at `now`, or nil when there are none.
    public func failureRate(at now: Instant) -> Double? {
        let recent = outcomes.filter { $0.at.duration(to: now) <= policy.window }
        guard !recent.isEmpty else { return nil }
        return Double(recent.count(where: \.failed)) / Double(recent.count)
    }

    private mutating func remember(_ outcome: Outcome, now: Instant) {
        outcomes.append(outcome)
        let firstRecent = outcomes.firstIndex { $0.at.duration(to: now) <= policy.window } ?? outcomes.count
        let overflow = max(0, outcomes.count - policy.maximumRememberedOutcomes)
        let drop = max(firstRecent, overflow)
        if drop > 0 { outcomes.removeFirst(drop) }
    }

    private func failureRateExceeded() -> Bool {
        guard outcomes.count >= policy.minimumOutcomesInWindow, !outcomes.isEmpty else { return false }
        let failures = outcomes.count(where: \.failed)
        return Double(failures) / Double(outcomes.count) >= policy.failureRateLimit
    }

    private mutating func open(at now: Instant) {
        state = .open(until: now.advanced(by: policy.coolDown))
        probesInFlight = 0
        consecutiveFailures = 0
        outcomes.removeAll(keepingCapacity: true)
    }

    private mutating func close() {
        state = .closed
        probesInFlight = 0
        consecutiveFailures = 0
        outcomes.removeAll(keepingCapacity: true)
    }
}
