import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// One thread that owns a set of descriptors and runs everything touching them: ready I/O handlers,
/// timers (millisecond resolution) and jobs, in that order each turn. It is also a `SerialExecutor` and
/// `TaskExecutor`, so an actor whose `unownedExecutor` is `loop.asUnownedSerialExecutor()` runs on this
/// thread, next to its sockets, with no thread hop per packet (see Docs/runtime.md).
///
/// Nothing blocks a loop thread. Loop-confined state is touched only on the thread; the cross-thread job
/// queue is behind a lock and wakes the thread through an eventfd.
// @unchecked Sendable: `remote` is lock-guarded; every other mutable property is touched only on the loop thread.
public final class EventLoop: @unchecked Sendable {
    public let name: String
    let selector: Epoll
    let wakeFD: Int32
    let remote = Locked(RemoteQueue())
    private var thread: LoopThread?
    private var threadID = pthread_t()

    // Loop-thread state.
    var registrations: [UInt64: (fd: Int32, handler: any IOHandler)] = [:]
    var nextRegistrationID: UInt64 = 1
    var timers = TimerQueue()
    var localJobs: [() -> Void] = []
    private var stopRequested = false
    /// Set once the loop closed its epoll fd and eventfd without error (read after termination).
    private(set) var ownDescriptorsClosed = false
    /// Monotonic nanoseconds read after the last wait; what timers and idle checks compare against.
    private(set) var now: UInt64 = Syscalls.monotonicNanoseconds()
    /// One read buffer for every stream on this loop: handlers consume bytes before the next read.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// iovecs for gathered sends, shared by the loop's streams (filled and used within one call).
    let writeVectors: UnsafeMutableBufferPointer<iovec>
    /// recvmmsg vectors shared by this loop's UDP sockets, and sendmmsg vectors (made on first use).
    lazy var receiveSlots = DatagramSlots()
    lazy var sendSlots = DatagramSlots()

    /// Bytes read from a stream per `read(2)`, the size of the loop's shared read buffer.
    public static let readBufferSize = 64 * 1024
    /// Registration id of the wake-up eventfd (real registrations start at 1).
    private static let wakeID: UInt64 = 0

    /// Starts a loop thread. Loops come from an `EventLoopGroup`, which also stops and joins them.
    init(name: String) throws(SystemError) {
        self.name = name
        selector = try Epoll()
        do {
            wakeFD = try Syscalls.eventfd()
            try selector.add(wakeFD, interest: .readable, id: Self.wakeID)
        } catch {
            try? selector.close()
            throw error
        }
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        writeVectors = .allocate(capacity: WriteQueue.maxVectors)
        writeVectors.initialize(repeating: iovec())
        let started = Semaphore()
        thread = LoopThread.start(name: name) { [self] in
            threadID = pthread_self()
            started.signal()
            run()
        }
        started.wait()
    }

    deinit {
        readBuffer.deallocate()
        writeVectors.deallocate()
    }

    /// True on this loop's thread.
    public var inEventLoop: Bool { pthread_equal(pthread_self(), threadID) != 0 }

    /// Stops the process unless called on this loop's thread.
    public func preconditionInEventLoop(file: StaticString = #fileID, line: UInt = #line) {
        precondition(inEventLoop, "not on event loop \(name)", file: file, line: line)
    }

    /// Stops the process if called on this loop's thread.
    public func preconditionNotInEventLoop(file: StaticString = #fileID, line: UInt = #line) {
        precondition(!inEventLoop, "must not run on event loop \(name)", file: file, line: line)
    }

    // MARK: The turn

    private func run() {
        while !stopRequested {
            let count: Int
            do {
                count = try selector.wait(timeoutMilliseconds: waitTimeout())
            } catch {
                preconditionFailure("epoll_wait on a valid epoll fd cannot fail: \(error)")
            }
            now = Syscalls.monotonicNanoseconds()
            for index in 0..<count { dispatch(selector.event(at: index)) }
            runDueTimers()
            runJobs()
        }
        closeEverything()
    }

    /// 0 when work is queued, else milliseconds until the next timer (rounded up), else -1 (forever).
    private func waitTimeout() -> Int32 {
        if !localJobs.isEmpty { return 0 }
        guard let deadline = timers.nextDeadline() else { return -1 }
        let current = Syscalls.monotonicNanoseconds()
        if deadline <= current { return 0 }
        let milliseconds = (deadline - current + 999_999) / 1_000_000
        return Int32(clamping: milliseconds)
    }

    private func dispatch(_ event: (id: UInt64, events: IOEvents)) {
        if event.id == Self.wakeID {
            try? Syscalls.eventfdDrain(wakeFD)
            return
        }
        registrations[event.id]?.handler.ioReady(event.events)
    }

    private func runDueTimers() {
        while let body = timers.popDue(now: now) { body() }
    }

    /// Runs the queued jobs. Local jobs they queue (an actor hop answering another, a close report) run
    /// in further rounds of the same turn, up to `localJobRounds`, so a chain of same-loop hops does not
    /// pay an `epoll_wait` per link; past that the rest waits for the next turn and I/O goes first.
    private func runJobs() {
        let drained = remote.withLock { queue in
            defer { queue.jobs.removeAll(keepingCapacity: true) }
            return queue.jobs
        }
        for job in drained { run(job) }
        for _ in 0..<Self.localJobRounds where !localJobs.isEmpty {
            let local = localJobs
            localJobs.removeAll(keepingCapacity: true)
            for body in local { body() }
        }
    }

    /// Rounds of local jobs per turn before I/O gets its turn again.
    private static let localJobRounds = 64

    func run(_ job: RemoteJob) {
        switch job {
        case .closure(let body): body()
        // `runSynchronously(on:)`, not `(isolatedTo:taskExecutor:)`: with the task executor set as
        // well, the runtime no longer switched directly between actors sharing this loop and every
        // same-loop await went through the queue (measured 4.9 µs instead of 0.12 µs, debug build).
        // Tasks preferring this loop as their task executor still have their jobs enqueued here.
        case .task(let task): task.runSynchronously(on: asUnownedSerialExecutor())
        case .stop: stopRequested = true
        }
    }

    /// Shutdown: every registered handler closes its descriptor, the jobs that produces run, then the
    /// loop's own descriptors close and waiters for termination resume.
    private func closeEverything() {
        closeRegistrations { _ in true }
        for _ in 0..<Self.shutdownJobRounds where !localJobs.isEmpty || remote.withLock({ !$0.jobs.isEmpty }) {
            runJobs()
        }
        timers.removeAll()
        let waiters = remote.withLock { queue in
            queue.state = .stopped
            defer { queue.terminationWaiters.removeAll() }
            return queue.terminationWaiters
        }
        do {
            try selector.close()
            try Syscalls.close(wakeFD)
            ownDescriptorsClosed = true
        } catch {
            ownDescriptorsClosed = false
        }
        for waiter in waiters { waiter() }
    }

    /// Rounds of jobs run after the descriptors closed, so close notifications reach their handlers.
    private static let shutdownJobRounds = 16

    /// Asks every registered handler matching `filter` to close. Loop thread only.
    func closeRegistrations(where filter: (any IOHandler) -> Bool) {
        let handlers = registrations.values.map(\.handler).filter(filter)
        for handler in handlers { handler.ioLoopClosing() }
    }

    /// Joins the thread after the loop stopped. Not on the loop thread.
    func join() {
        preconditionNotInEventLoop()
        thread?.join()
        thread = nil
    }
}
