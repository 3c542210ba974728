#if canImport(Glibc)
import Glibc
#endif
import Net

/// CPU time in microseconds: of the calling thread (`RUSAGE_THREAD`) or of the whole process.
func cpuMicroseconds(thread: Bool) -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(thread ? 1 : 0), &usage)  // RUSAGE_THREAD = 1 (<sys/resource.h>, _GNU_SOURCE), RUSAGE_SELF = 0
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
}

/// CPU time of a loop's thread, read on that thread.
func loopCPUMicroseconds(_ loop: EventLoop) async throws -> Double {
    try await loop.submit { cpuMicroseconds(thread: true) }
}

/// Resident set size in bytes (/proc/self/statm, second field, in pages).
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var size = 0, resident = 0
    guard withUnsafeMutablePointer(to: &size, { s in withUnsafeMutablePointer(to: &resident) { r in
        withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) } } }) == 2 else { return 0 }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Median and tail of a sample.
struct Percentiles {
    let median: Double, p95: Double, p99: Double
    init(_ values: [Double]) {
        let sorted = values.sorted()
        func at(_ fraction: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] }
        median = at(0.5); p95 = at(0.95); p99 = at(0.99)
    }
    /// In milliseconds from nanoseconds.
    var milliseconds: String { "median \(format(median / 1e6)) ms, p95 \(format(p95 / 1e6)) ms, p99 \(format(p99 / 1e6)) ms" }
}

func format(_ value: Double) -> String { String((value * 10).rounded() / 10) }

func nanoseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}
