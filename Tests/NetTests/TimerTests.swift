import SwitchboardTesting
import Testing
@testable import Net

extension NetTests {
    @Suite struct TimerTests {
        @Test func timerQueuePopsByDeadlineThenSchedulingOrderAndSkipsCancelled() {
            var queue = TimerQueue()
            var fired: [String] = []
            _ = queue.schedule(at: 30) { fired.append("c") }
            let cancelled = queue.schedule(at: 10) { fired.append("x") }
            _ = queue.schedule(at: 20) { fired.append("b1") }
            _ = queue.schedule(at: 20) { fired.append("b2") }
            _ = queue.schedule(at: 5) { fired.append("a") }
            let firstCancel = queue.cancel(cancelled)
            let secondCancel = queue.cancel(cancelled)
            #expect(firstCancel && !secondCancel)
            while let body = queue.popDue(now: 25) { body() }
            #expect(fired == ["a", "b1", "b2"])
            let next = queue.nextDeadline()
            #expect(next == 30)
            while let body = queue.popDue(now: 100) { body() }
            #expect(fired == ["a", "b1", "b2", "c"])
            #expect(queue.count == 0)
        }

        @Test func repeatingTimerKeepsItsPhaseAndSkipsMissedPeriods() {
            var queue = TimerQueue()
            var ticks = 0
            _ = queue.schedule(at: 20, every: 20) { ticks += 1 }
            while let body = queue.popDue(now: 20) { body() }
            #expect(ticks == 1)
            let afterFirst = queue.nextDeadline()
            #expect(afterFirst == 40)
            // The thread stalled past three periods: one tick, next deadline on the original phase.
            while let body = queue.popDue(now: 105) { body() }
            #expect(ticks == 2)
            let afterStall = queue.nextDeadline()
            #expect(afterStall == 120)
        }

        @Test func heavyCancellationCompactsTheHeapAndKeepsLiveTimers() {
            var queue = TimerQueue()
            var fired = 0
            let ids = (0..<1000).map { index in queue.schedule(at: UInt64(index)) { fired += 1 } }
            for id in ids.dropLast(10) { queue.cancel(id) }
            #expect(queue.count == 10)
            while let body = queue.popDue(now: 10_000) { body() }
            #expect(fired == 10)
        }

        @Test func loopTimersFireInDeadlineOrderAndCancelledOnesNever() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-timers")
            let loop = group.loops[0]
            let log = EventLog<String>()
            try await loop.submit {
                loop.scheduleLocalTimer(after: .milliseconds(40)) { log.record("40") }
                let cancelled = loop.scheduleLocalTimer(after: .milliseconds(20)) { log.record("cancelled") }
                loop.scheduleLocalTimer(after: .milliseconds(10)) { log.record("10") }
                loop.scheduleLocalTimer(after: .milliseconds(30)) { log.record("30") }
                loop.scheduleLocalTimer(after: .zero) { log.record("0") }
                cancelled.cancel()
                loop.scheduleLocalTimer(after: .milliseconds(60)) { log.record("end") }
            }
            let fired = try await log.collect(5)
            #expect(fired == ["0", "10", "30", "40", "end"])
            await group.shutdownGracefully()
        }

        @Test func timersScheduledAndCancelledFromAnotherThread() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-rtimers")
            let loop = group.loops[0]
            let log = EventLog<String>()
            let doomed = loop.scheduleTimer(after: .milliseconds(30)) { log.record("doomed") }
            doomed.cancel()
            loop.scheduleTimer(after: .milliseconds(10)) { log.record(loop.inEventLoop ? "first on loop" : "off loop") }
            loop.scheduleTimer(after: .milliseconds(60)) { log.record("second") }
            #expect(try await log.collect(2) == ["first on loop", "second"])
            await group.shutdownGracefully()
        }

        @Test func repeatingLoopTimerTicksUntilCancelled() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-repeat")
            let loop = group.loops[0]
            let log = EventLog<Int>()
            try await loop.submit {
                final class Ticks { var count = 0; var handle: TimerHandle? }
                let ticks = Ticks()
                ticks.handle = loop.scheduleRepeatingLocalTimer(every: .milliseconds(2)) {
                    ticks.count += 1
                    log.record(ticks.count)
                    if ticks.count == 5 { ticks.handle?.cancel() }
                }
                // Fires well after five periods; only then do we know no sixth tick came.
                loop.scheduleLocalTimer(after: .milliseconds(100)) { log.record(-ticks.count) }
            }
            #expect(try await log.collect(6) == [1, 2, 3, 4, 5, -5])
            await group.shutdownGracefully()
        }
    }
}
