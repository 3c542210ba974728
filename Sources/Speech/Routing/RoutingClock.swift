/// The clock provider routers and their circuit breakers read and sleep on: any `Clock` measured in
/// `Duration` (production `ContinuousClock`, tests a virtual clock), type-erased so routers are not
/// generic. Instants are offsets from the moment the clock value was made, so everything that must
/// compare instants (a breaker shared by many calls, its routers) should share one `RoutingClock`.
public struct RoutingClock: Sendable {
    /// A point on the routing clock: time since the clock value was made.
    public struct Instant: InstantProtocol, Sendable, Hashable, CustomStringConvertible {
        public var offset: Duration
        public init(offset: Duration) { self.offset = offset }
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { "routing+\(offset)" }
    }

    private let elapsed: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void

    /// A routing clock on `clock`, with its origin now.
    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
        sleepUntil = { try await clock.sleep(until: origin.advanced(by: $0), tolerance: nil) }
    }

    /// A routing clock on the system's monotonic clock.
    public static func continuous() -> RoutingClock { RoutingClock(ContinuousClock()) }

    /// The current instant.
    public var now: Instant { Instant(offset: elapsed()) }

    /// Sleeps until `deadline` (at once if it has passed); throws `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Instant) async throws {
        try await sleepUntil(deadline.offset)
    }
}
