/// A job handed to a loop from any thread.
enum RemoteJob: Sendable {
    case closure(@Sendable () -> Void)
    case task(UnownedJob)
    case stop
}

/// The lock-guarded part of a loop: its cross-thread job queue and lifecycle.
struct RemoteQueue {
    enum State { case running, stopping, stopped }
    var jobs: [RemoteJob] = []
    var state = State.running
    var terminationWaiters: [@Sendable () -> Void] = []
}

/// Thrown by `EventLoop.submit` when the loop has shut down.
public struct EventLoopShutDownError: Error, Sendable {}

extension EventLoop {
    /// Runs `body` on the loop thread in a later turn. From any thread; jobs queued while the loop shuts
    /// down still run, jobs queued after it stopped are dropped.
    public func execute(_ body: @escaping @Sendable () -> Void) {
        _ = enqueueRemote(.closure(body))
    }

    /// Runs `body` on the loop thread and returns its result.
    public func submit<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = enqueueRemote(.closure { continuation.resume(with: Result(catching: body)) })
            if !accepted { continuation.resume(throwing: EventLoopShutDownError()) }
        }
    }

    /// Runs `body` on this loop's thread after the current handler, timer or job returns (never
    /// re-entrantly), in this turn's job phase or the next. Must be called on the loop thread; `body`
    /// need not be `Sendable` because it never leaves the thread.
    public func executeLocal(_ body: @escaping () -> Void) {
        preconditionInEventLoop()
        localJobs.append(body)
    }

    /// Queues a job; true if accepted. Wakes the thread only when the queue goes from empty to non-empty:
    /// the thread drains the eventfd before swapping the queue out, so no wake-up is ever lost.
    func enqueueRemote(_ job: RemoteJob) -> Bool {
        remote.withLock { queue in
            guard queue.state != .stopped else { return false }
            queue.jobs.append(job)
            if queue.jobs.count == 1 { try? Syscalls.eventfdSignal(wakeFD) }
            return true
        }
    }

    /// Asks the loop to close every registered descriptor and end its thread; `onStopped` runs (on the
    /// loop thread) once it has. Calling it again only adds the waiter.
    func stop(onStopped: @escaping @Sendable () -> Void) {
        let runNow = remote.withLock { queue -> Bool in
            if queue.state == .stopped { return true }
            queue.terminationWaiters.append(onStopped)
            if queue.state == .running {
                queue.state = .stopping
                queue.jobs.append(.stop)
                if queue.jobs.count == 1 { try? Syscalls.eventfdSignal(wakeFD) }
            }
            return false
        }
        if runNow { onStopped() }
    }
}

extension EventLoop: SerialExecutor, TaskExecutor {
    /// Runs a task job on the loop thread: from the loop itself it joins the local queue (no lock, no
    /// syscall), from elsewhere the locked queue with an eventfd wake-up. After shutdown it is dropped.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        if inEventLoop {
            localJobs.append { [unowned self] in run(.task(unowned)) }
        } else {
            _ = enqueueRemote(.task(unowned))
        }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Lets `actor.assumeIsolated` work from a handler running on the loop thread.
    public func checkIsolated() {
        preconditionInEventLoop()
    }

    public func isIsolatingCurrentContext() -> Bool? { inEventLoop }
}
