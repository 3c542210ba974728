import Foundation

/// Median, p95 and p99 of a sample set (nearest rank, `count × fraction`), for benchmarks that print
/// figures. An empty set gives NaN.
public struct Percentiles {
    public let median: Double
    public let p95: Double
    public let p99: Double
    public let count: Int

    public init(_ samples: [Double]) {
        let sorted = samples.sorted()
        func at(_ fraction: Double) -> Double {
            sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
        }
        median = at(0.5)
        p95 = at(0.95)
        p99 = at(0.99)
        count = sorted.count
    }

    /// `label: median … unit, p95 …, p99 … (n samples)`, values times `scale` with three decimals.
    public func line(_ label: String, unit: String, scale: Double = 1) -> String {
        func f(_ value: Double) -> String { String(format: "%.3f", value * scale) }
        return "\(label): median \(f(median)) \(unit), p95 \(f(p95)) \(unit), p99 \(f(p99)) \(unit) (\(count) samples)"
    }

    /// `median … unit, p95 …, p99 …` with one decimal.
    public func formatted(_ unit: String = "ns") -> String {
        "median \(Self.format(median)) \(unit), p95 \(Self.format(p95)) \(unit), p99 \(Self.format(p99)) \(unit)"
    }

    /// `value` rounded to one decimal.
    public static func format(_ value: Double) -> String { String((value * 10).rounded() / 10) }
}

/// Nanoseconds in `duration`.
public func nanoseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}
