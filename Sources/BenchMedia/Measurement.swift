import BenchSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Percentiles of per-frame costs for one workload.
struct FrameCost {
    let name: String
    let nanoseconds: [Double]  // per frame, one entry per sample
    let framesPerSample: Int

    func percentile(_ fraction: Double) -> Double {
        let sorted = nanoseconds.sorted()
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    var line: String {
        func format(_ value: Double) -> String {
            let text = value < 100 ? String(Int((value * 10).rounded())).withDecimal : String(Int(value.rounded()))
            return String(repeating: " ", count: max(0, 10 - text.count)) + text
        }
        let samples = "\(nanoseconds.count) × \(framesPerSample) frame\(framesPerSample == 1 ? "" : "s")"
        return name.padded(to: 44)
            + format(percentile(0.5)) + format(percentile(0.95)) + format(percentile(0.99)) + "   " + samples
    }
}

extension String {
    /// The string with spaces appended up to `width` characters.
    func padded(to width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }

    /// "123" → "12.3" (tenths).
    fileprivate var withDecimal: String { count == 1 ? "0.\(self)" : "\(dropLast()).\(suffix(1))" }
}

/// Times `body`, which processes `framesPerSample` frames per call, `samples` times after `warmup`
/// untimed calls, and reports nanoseconds per frame.
func measure(_ name: String, samples: Int, framesPerSample: Int = 1, warmup: Int = 200, _ body: () -> Void) -> FrameCost {
    for _ in 0..<warmup { body() }
    var costs = [Double](repeating: 0, count: samples)
    for index in 0..<samples {
        let start = nowNanoseconds()
        body()
        costs[index] = Double(nowNanoseconds() - start) / Double(framesPerSample)
    }
    return FrameCost(name: name, nanoseconds: costs, framesPerSample: framesPerSample)
}
