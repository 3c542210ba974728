/// A scheduled timer; `cancel()` stops it from firing. Cancelling from the loop thread takes effect at
/// once; from another thread, a timer already due may still fire once.
public struct TimerHandle: Sendable {
    /// Id in the loop's timer queue (timers scheduled on the loop thread).
    let id: UInt64
    let loop: EventLoop
    /// Set for timers scheduled from another thread: the body checks it before running.
    let remoteCancellation: Locked<Bool>?

    public func cancel() {
        if let flag = remoteCancellation {
            flag.withLock { $0 = true }
        } else if loop.inEventLoop {
            loop.timers.cancel(id)
        } else {
            loop.execute { [loop, id] in loop.timers.cancel(id) }
        }
    }
}

extension EventLoop {
    /// Runs `body` on the loop thread after `delay` (rounded up to the millisecond by the wait).
    /// Timers due in the same turn fire in deadline order, ties in scheduling order. From any thread.
    @discardableResult
    public func scheduleTimer(after delay: Duration, _ body: @escaping @Sendable () -> Void) -> TimerHandle {
        if inEventLoop { return scheduleLocalTimer(after: delay, body) }
        let cancelled = Locked(false)
        let due = deadline(after: delay)
        execute { [self] in
            _ = timers.schedule(at: due) { if !cancelled.withLock({ $0 }) { body() } }
        }
        return TimerHandle(id: 0, loop: self, remoteCancellation: cancelled)
    }

    /// Runs `body` on the loop thread after `delay`; must be called on the loop thread, so `body` may
    /// capture loop-confined (non-Sendable) state.
    @discardableResult
    public func scheduleLocalTimer(after delay: Duration, _ body: @escaping () -> Void) -> TimerHandle {
        preconditionInEventLoop()
        let id = timers.schedule(at: deadline(after: delay), body)
        return TimerHandle(id: id, loop: self, remoteCancellation: nil)
    }

    /// Runs `body` every `interval` from the loop thread, at fixed phase (no drift); periods missed while
    /// the thread was busy are skipped. Must be called on the loop thread. One media clock per loop uses it.
    @discardableResult
    public func scheduleRepeatingLocalTimer(every interval: Duration, _ body: @escaping () -> Void) -> TimerHandle {
        preconditionInEventLoop()
        let period = max(1, Self.nanoseconds(interval))
        let id = timers.schedule(at: deadline(after: interval), every: period, body)
        return TimerHandle(id: id, loop: self, remoteCancellation: nil)
    }

    /// Monotonic nanoseconds at which something `delay` from now is due.
    func deadline(after delay: Duration) -> UInt64 {
        Syscalls.monotonicNanoseconds() &+ Self.nanoseconds(delay)
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
    }
}
