import Testing
@testable import Telephony

@Suite struct MediaClockScheduleTests {
    static let period: UInt64 = 20_000_000

    @Test func onTimeWakeUpsRunOneTickEachEvenWithTimerJitter() {
        var schedule = MediaClockSchedule(periodNanoseconds: Self.period)
        let wakeUps: [UInt64] = [20, 41, 59, 81, 100].map { $0 * 1_000_000 }
        #expect(wakeUps.map { schedule.ticksToRun(elapsed: $0) } == [1, 1, 1, 1, 1])
        #expect(schedule.lateTicks == 0)
    }

    @Test func aShortStallIsCaughtUpAndALongOneIsSkippedBeyondTheBound() {
        var schedule = MediaClockSchedule(periodNanoseconds: Self.period, maximumCatchUpTicks: 3)
        #expect(schedule.ticksToRun(elapsed: 20_000_000) == 1)
        #expect(schedule.ticksToRun(elapsed: 60_000_000) == 2)   // one period late: caught up
        #expect(schedule.lateTicks == 1)
        #expect(schedule.ticksToRun(elapsed: 260_000_000) == 3)  // ten periods: three now, seven skipped
        #expect(schedule.skippedTicks == 7)
        #expect(schedule.ticksToRun(elapsed: 280_000_000) == 1)  // back on schedule, no burst
    }

    @Test func anEarlyWakeUpRunsNothing() {
        var schedule = MediaClockSchedule(periodNanoseconds: Self.period)
        #expect(schedule.ticksToRun(elapsed: 5_000_000) == 0)
        #expect(schedule.ticksToRun(elapsed: 20_000_000) == 1)
        #expect(schedule.ticksToRun(elapsed: 25_000_000) == 0)
    }
}
