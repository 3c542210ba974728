import BenchSupport
import Net

/// An actor pinned to a loop: its methods run on that loop's thread.
actor PinnedActor {
    let loop: EventLoop
    private var value = 0
    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
    init(loop: EventLoop) { self.loop = loop }

    func bump() -> Int {
        value &+= 1
        return value
    }

    /// Times `batches` batches of `perBatch` awaits of `target.bump()`; returns ns per await for each batch.
    func measure(awaiting target: PinnedActor, batches: Int, perBatch: Int) async -> [Double] {
        var samples: [Double] = []
        samples.reserveCapacity(batches)
        for _ in 0..<batches {
            let start = nowNanoseconds()
            for _ in 0..<perBatch { _ = await target.bump() }
            samples.append(Double(nowNanoseconds() - start) / Double(perBatch))
        }
        return samples
    }
}

/// (a) What an await costs when the awaited actor shares the caller's loop thread, and when it lives on
/// another loop (a round trip through two thread wake-ups).
func runActorHopBench(group: EventLoopGroup) async {
    let caller = PinnedActor(loop: group.loops[0])
    let sameLoop = PinnedActor(loop: group.loops[0])
    let otherLoop = PinnedActor(loop: group.loops[1])
    _ = await caller.measure(awaiting: sameLoop, batches: 100, perBatch: 100) // warm-up
    let same = await caller.measure(awaiting: sameLoop, batches: 2000, perBatch: 100)
    print(Percentiles(same).line("(a) await, actor on the same loop (per await, batches of 100)", unit: "ns"))
    let fromTask = await Task(executorPreference: group.loops[0]) { () async -> [Double] in
        var samples: [Double] = []
        for _ in 0..<2000 {
            let start = nowNanoseconds()
            for _ in 0..<100 { _ = await sameLoop.bump() }
            samples.append(Double(nowNanoseconds() - start) / 100)
        }
        return samples
    }.value
    print(Percentiles(fromTask).line("(a) await, from a Task(executorPreference: loop) to an actor on that loop", unit: "ns"))
    _ = await caller.measure(awaiting: otherLoop, batches: 200, perBatch: 1)
    let across = await caller.measure(awaiting: otherLoop, batches: 20_000, perBatch: 1)
    print(Percentiles(across).line("(a) await, actor on another loop (round trip)", unit: "ns"))
}
