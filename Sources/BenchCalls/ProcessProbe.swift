#if canImport(Glibc)
import Glibc
#endif

/// CPU and memory of a process, read from /proc (`proc(5)`).
enum ProcessProbe {
    /// User + system CPU seconds of `pid` (nil: this process): /proc/PID/stat fields 14 and 15.
    static func cpuSeconds(_ pid: Int32?) -> Double? {
        guard let line = firstLine(pid.map { "/proc/\($0)/stat" } ?? "/proc/self/stat") else { return nil }
        // The command name (field 2) may contain spaces: split after its closing parenthesis.
        guard let close = line.lastIndex(of: ")") else { return nil }
        let fields = line[line.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Resident set size in bytes: /proc/PID/statm field 2, in pages.
    static func residentBytes(_ pid: Int32?) -> Int? {
        guard let line = firstLine(pid.map { "/proc/\($0)/statm" } ?? "/proc/self/statm") else { return nil }
        let fields = line.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The 1-minute load average (/proc/loadavg).
    static func loadAverage() -> String {
        firstLine("/proc/loadavg").map { $0.split(separator: " ").prefix(3).joined(separator: " ") } ?? "?"
    }

    private static func firstLine(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
