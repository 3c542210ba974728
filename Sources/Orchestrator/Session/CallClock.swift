import Conversation

/// The clock a call reads its instants from and sleeps on for its timers: any `Clock` measured in
/// `Duration` (production: `ContinuousClock`; tests: a virtual clock they advance), type-erased so the
/// session is not generic. Its origin is the moment it was made, which is the call's `CallInstant.callStart`.
public struct CallClock: Sendable {
    private let elapsed: @Sendable () -> Duration
    private let sleepUntil: @Sendable (Duration) async throws -> Void

    /// A call clock on `clock`, starting now.
    public init<C: Clock>(_ clock: C) where C.Duration == Duration {
        let origin = clock.now
        elapsed = { origin.duration(to: clock.now) }
        sleepUntil = { try await clock.sleep(until: origin.advanced(by: $0), tolerance: nil) }
    }

    /// A call clock on the system's monotonic clock, starting now.
    public static func continuous() -> CallClock { CallClock(ContinuousClock()) }

    /// The current instant of the call.
    public var now: CallInstant { CallInstant(sinceCallStart: elapsed()) }

    /// Sleeps until `deadline` (returns at once if it has passed); throws `CancellationError` if the task
    /// is cancelled first.
    public func sleep(until deadline: CallInstant) async throws {
        try await sleepUntil(deadline.sinceCallStart)
    }
}
