/// The arithmetic of a media clock that is woken by a periodic timer which may fire late: how many
/// 20 ms ticks are due at a given elapsed time, with late ticks counted and caught up at most
/// `maximumCatchUpTicks` at a time (a longer stall is skipped rather than sent as a burst the far end
/// would have to absorb). Pure: the owner passes the elapsed time.
struct MediaClockSchedule: Sendable, Equatable {
    /// Default catch-up bound: up to 3 ticks (60 ms) at once after a stall; anything older is skipped.
    static let defaultMaximumCatchUpTicks = 3

    let periodNanoseconds: UInt64
    let maximumCatchUpTicks: Int
    /// Ticks handed out so far (including skipped ones: the tick index of the next one).
    private(set) var ticksDue: UInt64 = 0
    /// Ticks run at least one period after they were due.
    private(set) var lateTicks = 0
    /// Ticks never run because the wake-up was more than `maximumCatchUpTicks` late.
    private(set) var skippedTicks = 0

    init(periodNanoseconds: UInt64, maximumCatchUpTicks: Int = defaultMaximumCatchUpTicks) {
        self.periodNanoseconds = max(1, periodNanoseconds)
        self.maximumCatchUpTicks = max(1, maximumCatchUpTicks)
    }

    /// Ticks to run for a wake-up `elapsed` ns after the origin (tick n is due at (n+1) periods). Timer
    /// wake-ups up to half a period early or late count as on time.
    mutating func ticksToRun(elapsed: UInt64) -> Int {
        let due = (elapsed + periodNanoseconds / 2) / periodNanoseconds
        guard due > ticksDue else { return 0 }
        let behind = Int(min(due - ticksDue, UInt64(Int.max)))
        ticksDue = due
        if behind > 1 { lateTicks += min(behind, maximumCatchUpTicks) - 1 }
        if behind > maximumCatchUpTicks {
            skippedTicks += behind - maximumCatchUpTicks
            return maximumCatchUpTicks
        }
        return behind
    }
}
