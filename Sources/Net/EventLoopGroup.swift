#if canImport(Glibc)
import Glibc
#endif

/// A fixed set of event loops (default: one per core) handed out round-robin. Shutting it down stops
/// every listener first, then has each loop close every descriptor it watches, then joins the threads.
public final class EventLoopGroup: Sendable {
    public let loops: [EventLoop]
    private let counter = Locked(0)

    /// Online processor count (at least 1).
    public static var defaultLoopCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public init(loopCount: Int = EventLoopGroup.defaultLoopCount, name: String = "sb-loop") throws(SystemError) {
        var loops: [EventLoop] = []
        for index in 0..<max(1, loopCount) {
            do {
                loops.append(try EventLoop(name: "\(name)-\(index)"))
            } catch {
                for loop in loops { loop.stop(onStopped: {}); loop.join() }
                throw error
            }
        }
        self.loops = loops
    }

    /// The next loop in round-robin order. From any thread.
    public func next() -> EventLoop {
        let index = counter.withLock { value in
            defer { value &+= 1 }
            return value
        }
        return loops[index % loops.count]
    }

    /// The loop whose thread is running, if any.
    public var currentLoop: EventLoop? { loops.first { $0.inEventLoop } }

    /// Stops accepting on every listener, closes every registered descriptor (handlers hear
    /// `.loopShutdown`), ends the loops and joins their threads. Call it from outside the group's loops.
    public func shutdownGracefully() async {
        precondition(currentLoop == nil, "shutdownGracefully must not run on one of the group's loops")
        for loop in loops {
            _ = try? await loop.submit { loop.closeRegistrations { $0 is TCPListener } }
        }
        for loop in loops {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                loop.stop { continuation.resume() }
            }
            loop.join()
        }
    }

    /// `shutdownGracefully` for synchronous callers (benchmarks, `main`); blocks the calling thread.
    public func syncShutdown() {
        precondition(currentLoop == nil, "syncShutdown must not run on one of the group's loops")
        for loop in loops {
            let done = Semaphore()
            let queued = loop.enqueueRemote(.closure {
                loop.closeRegistrations { $0 is TCPListener }
                done.signal()
            })
            if queued { done.wait() }
        }
        for loop in loops {
            let stopped = Semaphore()
            loop.stop { stopped.signal() }
            stopped.wait()
            loop.join()
        }
    }
}
