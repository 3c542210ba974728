import Synchronization

/// One provider's `CircuitBreaker`, shared by every call (and every router) that sends that provider
/// requests for an agent, so three callers' failures open it for the fourth. Thread-safe; reads time from
/// its `RoutingClock`. Each method that moves the breaker returns the new position when it changed, so
/// the router that caused the change can report it.
public final class SharedCircuitBreaker: Sendable {
    /// The provider's name (its metrics label).
    public let provider: String
    public let policy: CircuitBreakerPolicy
    private let clock: RoutingClock
    private let breaker: Mutex<CircuitBreaker<RoutingClock.Instant>>

    public init(provider: String, policy: CircuitBreakerPolicy = CircuitBreakerPolicy(), clock: RoutingClock) {
        self.provider = provider
        self.policy = policy
        self.clock = clock
        self.breaker = Mutex(CircuitBreaker(policy: policy))
    }

    /// The breaker's position now (an open breaker whose cool-down passed still says open until asked).
    public var position: BreakerPosition { breaker.withLock { $0.state.position } }

    /// Whether a request would be let through now, without taking a half-open probe slot.
    public var isAvailable: Bool {
        let now = clock.now
        return breaker.withLock { $0.isAvailable(at: now) }
    }

    /// Asks to send one request now. When allowed, the caller owes exactly one `record` or `release`.
    public func acquire() -> (allowed: Bool, change: BreakerPosition?) {
        let now = clock.now
        return breaker.withLock { breaker in
            let before = breaker.state.position
            let allowed = breaker.allowsRequest(at: now)
            let after = breaker.state.position
            return (allowed, after == before ? nil : after)
        }
    }

    /// Records how an allowed request ended: nil for success, otherwise its error (`.cancelled` counts
    /// as a release, never as a failure). Returns the new position if it changed.
    @discardableResult
    public func record(_ error: ProviderError?) -> BreakerPosition? {
        let now = clock.now
        return breaker.withLock { breaker in
            let before = breaker.state.position
            breaker.record(error, at: now)
            let after = breaker.state.position
            return after == before ? nil : after
        }
    }

    /// An allowed request was abandoned by its owner with no outcome (hedge loser, caller hung up).
    public func release() {
        breaker.withLock { $0.recordCancellation() }
    }
}

/// The circuit breakers of one server, one per agent and provider, so every call of an agent shares them.
public final class CircuitBreakerRegistry: Sendable {
    private struct Key: Hashable {
        var agent: String
        var layer: RoutingLayer
        var provider: String
    }

    private let clock: RoutingClock
    private let breakers = Mutex<[Key: SharedCircuitBreaker]>([:])

    public init(clock: RoutingClock) {
        self.clock = clock
    }

    /// The breaker of `provider` in `layer` for `agent`, made with `policy` on first use.
    public func breaker(agent: String, layer: RoutingLayer, provider: String,
                        policy: CircuitBreakerPolicy = CircuitBreakerPolicy()) -> SharedCircuitBreaker {
        let key = Key(agent: agent, layer: layer, provider: provider)
        return breakers.withLock { breakers in
            if let existing = breakers[key] { return existing }
            let made = SharedCircuitBreaker(provider: provider, policy: policy, clock: clock)
            breakers[key] = made
            return made
        }
    }
}
