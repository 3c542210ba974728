import SwitchboardTesting
import Testing
import Foundation
@testable import Net
#if canImport(Glibc)
import Glibc
#endif

/// An actor pinned to a loop: its methods run on the loop thread.
actor PinnedCounter {
    let loop: EventLoop
    private(set) var count = 0
    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
    init(loop: EventLoop) { self.loop = loop }

    func increment() -> (onLoop: Bool, thread: pthread_t) {
        count += 1
        return (loop.inEventLoop, pthread_self())
    }

    /// Awaits another pinned actor: with both on the loop there is no hop off the thread.
    func incrementVia(_ other: PinnedCounter) async -> Bool {
        let result = await other.increment()
        return result.onLoop && loop.inEventLoop
    }

    func add(_ value: Int) { count += value }
}

extension NetTests {
    @Suite struct EventLoopTests {
        @Test func jobsSubmittedFromOtherThreadsRunOnTheLoopThreadAllOfThem() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-jobs")
            let loop = group.loops[0]
            let log = EventLog<Bool>()
            let threads = 4, perThread = 250
            await withTaskGroup(of: Void.self) { tasks in
                for _ in 0..<threads {
                    tasks.addTask {
                        // Detached threads of the cooperative pool, never the loop.
                        for _ in 0..<perThread { loop.execute { log.record(loop.inEventLoop) } }
                    }
                }
            }
            let results = try await log.collect(threads * perThread)
            #expect(results.allSatisfy { $0 })
            #expect(!loop.inEventLoop)
            await group.shutdownGracefully()
        }

        @Test func submitReturnsTheValueComputedOnTheLoop() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-submit")
            let loop = group.loops[0]
            let (onLoop, registered) = try await loop.submit { (loop.inEventLoop, loop.registeredCount) }
            #expect(onLoop)
            #expect(registered == 0)
            await group.shutdownGracefully()
            await #expect(throws: EventLoopShutDownError.self) { try await loop.submit { 1 } }
        }

        @Test func actorPinnedToTheLoopRunsOnTheLoopThread() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-actor")
            let loop = group.loops[0]
            let loopThread = try await loop.submit { pthread_self() }
            let counter = PinnedCounter(loop: loop)
            let other = PinnedCounter(loop: loop)
            for _ in 0..<100 {
                let (onLoop, thread) = await counter.increment()
                #expect(onLoop)
                #expect(pthread_equal(thread, loopThread) != 0)
            }
            #expect(await counter.incrementVia(other))
            #expect(await counter.count == 100)
            #expect(await other.count == 1)
            await group.shutdownGracefully()
        }

        @Test func taskWithLoopExecutorPreferenceRunsNonisolatedCodeOnTheLoop() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-taskex")
            let loop = group.loops[0]
            let task = Task(executorPreference: loop) { () async -> [Bool] in
                var seen = [loop.inEventLoop]
                await Task.yield()
                seen.append(loop.inEventLoop)
                try? await Task.sleep(for: .milliseconds(5))
                seen.append(loop.inEventLoop)
                return seen
            }
            #expect(await task.value == [true, true, true])
            await group.shutdownGracefully()
        }

        @Test func handlerOnTheLoopEntersAPinnedActorWithoutAHop() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-assume")
            let loop = group.loops[0]
            let counter = PinnedCounter(loop: loop)
            // What a socket handler does per packet: synchronous entry into the call's actor.
            try await loop.submit {
                for _ in 0..<10 { counter.assumeIsolated { $0.add(1) } }
            }
            #expect(await counter.count == 10)
            await group.shutdownGracefully()
        }

        @Test func localJobQueuedDuringAJobRunsAfterItReturnsNotInside() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-local")
            let loop = group.loops[0]
            let log = EventLog<[String]>()
            loop.execute {
                var order: [String] = []
                // Confined to the loop: the local closure captures a non-Sendable box.
                final class Box { var order: [String] = [] }
                let box = Box()
                loop.executeLocal { box.order.append("local"); log.record(box.order) }
                box.order.append("job")
                order = box.order
                _ = order
            }
            #expect(try await log.first() == ["job", "local"])
            await group.shutdownGracefully()
        }
    }
}
