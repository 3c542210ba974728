import Dispatch
import Foundation

/// A serial executor backed by one dedicated thread, like a network event loop: actors pinned to it (through
/// `unownedExecutor`) and tasks preferring it (`Task(executorPreference:)`) run every job on that thread.
/// `execute` runs a plain closure there too, the way a loop runs a socket handler that calls into a pinned
/// actor with `assumeIsolated`. For tests.
public final class ThreadExecutor: SerialExecutor, TaskExecutor, Sendable {
    private enum Work: Sendable {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
        case stop
    }

    private let queue = Guarded<[Work]>([])
    private let wake = DispatchSemaphore(value: 0)
    private let started = DispatchSemaphore(value: 0)
    private let thread = Guarded<UInt?>(nil)

    /// Starts the thread.
    public init(name: String = "test-executor") {
        let worker = Thread { [self] in run() }
        worker.name = name
        worker.start()
        started.wait()
    }

    /// The executor thread's id (`CurrentThread.id` on it).
    public var threadID: UInt { thread.withLock { $0! } }

    /// Whether the caller runs on the executor's thread.
    public var isCurrent: Bool { CurrentThread.id == threadID }

    public func enqueue(_ job: consuming ExecutorJob) {
        submit(.job(UnownedJob(job)))
    }

    /// Runs `body` on the executor's thread, after the jobs queued before it.
    public func execute(_ body: @escaping @Sendable () -> Void) {
        submit(.closure(body))
    }

    public func checkIsolated() {
        precondition(isCurrent, "expected to run on the \(ThreadExecutor.self) thread")
    }

    /// Ends the thread after the work queued so far.
    public func shutdown() {
        submit(.stop)
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    public func asUnownedTaskExecutor() -> UnownedTaskExecutor {
        UnownedTaskExecutor(ordinary: self)
    }

    private func submit(_ work: Work) {
        queue.withLock { $0.append(work) }
        wake.signal()
    }

    private func run() {
        thread.withLock { $0 = CurrentThread.id }
        started.signal()
        while true {
            wake.wait()
            guard let work = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
            switch work {
            case .job(let job):
                job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
            case .closure(let body): body()
            case .stop: return
            }
        }
    }
}

/// The same thread as a `ThreadExecutor`, offered only as a `SerialExecutor` (no task preference): how a
/// session behaves on an executor that cannot run tasks.
public final class SerialOnlyExecutor: SerialExecutor, Sendable {
    public let base: ThreadExecutor

    public init(_ base: ThreadExecutor) {
        self.base = base
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        base.execute { [self] in job.runSynchronously(on: asUnownedSerialExecutor()) }
    }

    public func checkIsolated() { base.checkIsolated() }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
