/// When a `CircuitBreaker` opens and how long it stays open. Values come from the agent or server
/// configuration; the defaults suit a voice provider, where a caller waits on every failed request.
public struct CircuitBreakerPolicy: Sendable, Hashable {
    /// Open after this many failures in a row. Three failed turns in a row already cost three callers
    /// a recovery phrase; stop sending them to that provider.
    public var consecutiveFailureLimit: Int
    /// Open when the failure fraction over `window` reaches this (0…1)…
    public var failureRateLimit: Double
    /// …measured over this sliding window…
    public var window: Duration
    /// …once at least this many outcomes fall inside it (a single failure is not a 100 % failure rate).
    public var minimumOutcomesInWindow: Int
    /// How long the breaker stays open before letting probe requests through.
    public var coolDown: Duration
    /// How many requests may run at once while half-open; one success closes the breaker, one failure
    /// reopens it.
    public var halfOpenProbes: Int
    /// Cap on remembered outcomes, so a provider under heavy load cannot grow the breaker without bound.
    public var maximumRememberedOutcomes: Int

    public init(consecutiveFailureLimit: Int = 3, failureRateLimit: Double = 0.5, window: Duration = .seconds(60),
                minimumOutcomesInWindow: Int = 10, coolDown: Duration = .seconds(30), halfOpenProbes: Int = 1,
                maximumRememberedOutcomes: Int = 1024) {
        precondition(consecutiveFailureLimit >= 1 && halfOpenProbes >= 1 && maximumRememberedOutcomes >= 1,
                     "circuit breaker limits must be at least 1")
        precondition((0...1).contains(failureRateLimit), "failureRateLimit is a fraction in 0…1")
        self.consecutiveFailureLimit = consecutiveFailureLimit
        self.failureRateLimit = failureRateLimit
        self.window = window
        self.minimumOutcomesInWindow = minimumOutcomesInWindow
        self.coolDown = coolDown
        self.halfOpenProbes = halfOpenProbes
        self.maximumRememberedOutcomes = maximumRememberedOutcomes
    }
}
