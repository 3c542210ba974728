import Dispatch
import Foundation
import Synchronization
import SwitchboardTesting

/// A loop thread shaped like `Net`'s event loop for the bench: one thread, a locked job queue drained in
/// batches, a wake-up only when the thread is asleep, serial and task executor, a cheap isolation check.
/// (`ThreadExecutor` from SwitchboardTesting is built for the thread sanitizer, not for speed.)
final class BenchLoop: SerialExecutor, TaskExecutor, Sendable {
    private enum Work: Sendable {
        case job(UnownedJob)
        case closure(@Sendable () -> Void)
    }

    private struct Queue {
        var work: [Work] = []
        var sleeping = false
    }

    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let thread = Atomic<UInt>(0)
    /// Jobs and closures run so far.
    let jobsRun = Atomic<Int>(0)

    init() {
        let started = DispatchSemaphore(value: 0)
        Thread { [self] in
            thread.store(CurrentThread.id, ordering: .releasing)
            started.signal()
            run()
        }.start()
        started.wait()
    }

    var isCurrent: Bool { thread.load(ordering: .acquiring) == CurrentThread.id }

    func enqueue(_ job: consuming ExecutorJob) { submit(.job(UnownedJob(job))) }

    func execute(_ body: @escaping @Sendable () -> Void) { submit(.closure(body)) }

    func checkIsolated() { precondition(isCurrent, "not on the bench loop") }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }

    func asUnownedTaskExecutor() -> UnownedTaskExecutor { UnownedTaskExecutor(ordinary: self) }

    private func submit(_ work: Work) {
        let mustWake = queue.withLock { queue -> Bool in
            queue.work.append(work)
            defer { queue.sleeping = false }
            return queue.sleeping
        }
        if mustWake { wake.signal() }
    }

    private func run() {
        var batch: [Work] = []
        while true {
            let asleep = queue.withLock { queue -> Bool in
                if queue.work.isEmpty {
                    queue.sleeping = true
                    return true
                }
                swap(&batch, &queue.work)
                return false
            }
            if asleep {
                wake.wait()
                continue
            }
            for work in batch {
                switch work {
                case .job(let job):
                    job.runSynchronously(isolatedTo: asUnownedSerialExecutor(), taskExecutor: asUnownedTaskExecutor())
                case .closure(let body):
                    body()
                }
            }
            jobsRun.add(batch.count, ordering: .relaxed)
            batch.removeAll(keepingCapacity: true)
        }
    }
}

/// `BenchLoop` offered only as a serial executor.
final class SerialOnlyLoop: SerialExecutor, Sendable {
    let base: BenchLoop

    init(_ base: BenchLoop) { self.base = base }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        base.execute { [self] in job.runSynchronously(on: asUnownedSerialExecutor()) }
    }

    func checkIsolated() { base.checkIsolated() }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor { UnownedSerialExecutor(ordinary: self) }
}
