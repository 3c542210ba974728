#if canImport(Glibc)
import Glibc
#endif

/// Monotonic nanoseconds (the same clock the loops use).
func nowNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// `RUSAGE_THREAD` (Linux, <sys/resource.h>: 1), hidden from Swift behind _GNU_SOURCE.
let rusageThread = __rusage_who_t(1)

/// CPU seconds (user + system) used so far by the calling thread.
func threadCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(rusageThread, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// Median, p95 and p99 of a sample set.
struct Percentiles {
    let median: Double
    let p95: Double
    let p99: Double
    let count: Int

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] }
        median = at(0.5)
        p95 = at(0.95)
        p99 = at(0.99)
        count = sorted.count
    }

    func line(_ label: String, unit: String, scale: Double = 1) -> String {
        func f(_ value: Double) -> String { String(format: "%.3f", value * scale) }
        return "\(label): median \(f(median)) \(unit), p95 \(f(p95)) \(unit), p99 \(f(p99)) \(unit) (\(count) samples)"
    }
}
