import Net
#if canImport(Glibc)
import Glibc
#endif

/// Something paced by its loop's `MediaClock`: called once per 20 ms tick, on the loop thread.
public protocol MediaClockClient: AnyObject {
    func mediaClockTick()
}

/// The one 20 ms media clock of an event loop: a single repeating loop timer that drives outbound
/// pacing and inbound playout for every RTP stream on the loop (not a timer per call). Running only
/// while a client is registered. When the loop wakes late, the ticks missed are run back to back, at
/// most `MediaClockSchedule.defaultMaximumCatchUpTicks` at once; older ones are skipped and counted, so
/// a stall never turns into a burst of more than 60 ms of audio.
///
/// Loop-confined: get it with `MediaClock.current(on:)` on the loop thread.
public final class MediaClock {
    /// RFC 3551 §4.5: 20 ms is the default packetization of G.711, and our frame length.
    public static let tickPeriod = Duration.milliseconds(20)

    public let loop: EventLoop
    private var clients: [any MediaClockClient] = []
    private var schedule: MediaClockSchedule
    private var origin: UInt64 = 0
    private var timer: TimerHandle?
    /// Ticks run since the clock was created.
    public private(set) var ticks = 0
    /// Late ticks run in catch-up, summed over every running period.
    public private(set) var lateTicks = 0
    /// Ticks skipped after stalls longer than the catch-up bound.
    public private(set) var skippedTicks = 0

    init(loop: EventLoop) {
        self.loop = loop
        schedule = MediaClockSchedule(periodNanoseconds: 20_000_000)
    }

    /// The clock of `loop`, created on first use. Loop thread only.
    public static func current(on loop: EventLoop) -> MediaClock {
        LoopLocalMedia.on(loop).mediaClock
    }

    /// Streams paced by this clock.
    public var clientCount: Int { clients.count }

    /// Adds `client` (idempotent); starts the timer if it was idle.
    public func register(_ client: any MediaClockClient) {
        loop.preconditionInEventLoop()
        guard !clients.contains(where: { $0 === client }) else { return }
        clients.append(client)
        if timer == nil { startTimer() }
    }

    /// Removes `client`; stops the timer when none is left. Safe from inside a tick.
    public func unregister(_ client: any MediaClockClient) {
        loop.preconditionInEventLoop()
        clients.removeAll { $0 === client }
        if clients.isEmpty { stopTimer() }
    }

    private func startTimer() {
        origin = Self.monotonicNanoseconds()
        schedule = MediaClockSchedule(periodNanoseconds: 20_000_000)
        timer = loop.scheduleRepeatingLocalTimer(every: Self.tickPeriod) { [weak self] in self?.fire() }
    }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
        schedule = MediaClockSchedule(periodNanoseconds: 20_000_000)
    }

    private func fire() {
        let before = (schedule.lateTicks, schedule.skippedTicks)
        let count = schedule.ticksToRun(elapsed: Self.monotonicNanoseconds() &- origin)
        lateTicks += schedule.lateTicks - before.0
        skippedTicks += schedule.skippedTicks - before.1
        for _ in 0..<count {
            ticks += 1
            let current = clients  // a client may unregister during its tick: iterate a snapshot
            for client in current { client.mediaClockTick() }
        }
    }

    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
