import BenchSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// CPU seconds a process has used in user and system mode, from `/proc/PID/stat` fields 14 and 15
/// (clock ticks). `pid` nil reads this process.
func processCPUSeconds(pid: Int32?) -> (user: Double, system: Double)? {
    let path = pid.map { "/proc/\($0)/stat" } ?? "/proc/self/stat"
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var buffer = [CChar](repeating: 0, count: 4096)
    guard fgets(&buffer, Int32(buffer.count), file) != nil else { return nil }
    let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    // The command name (field 2) may contain spaces: split after its closing parenthesis.
    guard let close = line.lastIndex(of: ")") else { return nil }
    let fields = line[line.index(after: close)...].split(separator: " ")
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
    return (user / ticks, system / ticks)
}

/// xorshift64*: masking keys and nothing else (RFC 6455 §5.3 wants unpredictable keys from real
/// clients; a load generator only needs them to vary, without a syscall per frame).
struct FastRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed | 1 }

    mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 2_685_821_657_736_338_717
    }
}
