#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Times a closure in batches (the micro-benchmarks of Wire, SIP, …) and reports nanoseconds per operation (median, p95, p99 over batches).
/// It reads the thread's CPU clock, not the wall clock: on this shared 2-core machine other builds
/// preempt the benchmark for milliseconds at a time, and CPU time leaves those pauses out.
public struct Stopwatch {
    /// Target CPU time of one timed batch: long enough to dwarf the clock read (a syscall, ~0.3 µs).
    public static let batchNanoseconds = 50_000.0
    /// Timed batches per benchmark.
    public static let batches = 600
    /// Untimed operations first, so caches and allocator pools are warm.
    public static let warmup = 2_000

    public struct Figures {
        public let median: Double
        public let p95: Double
        public let p99: Double
    }

    /// Nanoseconds of CPU time this thread has used.
    public static func threadCPUNanoseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }

    public static func measure(_ operation: () -> Int) -> Figures {
        var sink = 0
        let warmupStart = threadCPUNanoseconds()
        for _ in 0..<warmup { sink &+= operation() }
        let estimate = (threadCPUNanoseconds() - warmupStart) / Double(warmup)
        let batchSize = max(1, Int(batchNanoseconds / max(1, estimate)))
        var perOperation: [Double] = []
        perOperation.reserveCapacity(batches)
        for _ in 0..<batches {
            let start = threadCPUNanoseconds()
            for _ in 0..<batchSize { sink &+= operation() }
            perOperation.append((threadCPUNanoseconds() - start) / Double(batchSize))
        }
        blackHole(sink)
        perOperation.sort()
        func percentile(_ p: Double) -> Double { perOperation[min(perOperation.count - 1, Int(Double(perOperation.count) * p))] }
        return Figures(median: percentile(0.5), p95: percentile(0.95), p99: percentile(0.99))
    }
}

/// Keeps results alive so the optimizer cannot drop the measured work.
@inline(never) public func blackHole(_ value: Int) {
    if value == 0x5EED_5EED { print("") }
}
