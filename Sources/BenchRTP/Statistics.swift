/// Median and tail of a sample of durations (nanoseconds).
struct Percentiles {
    let median: Double
    let p95: Double
    let p99: Double

    init(_ values: [Double]) {
        let sorted = values.sorted()
        func at(_ fraction: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] }
        median = at(0.5)
        p95 = at(0.95)
        p99 = at(0.99)
    }

    func formatted(_ unit: String = "ns") -> String {
        "median \(Self.format(median)) \(unit), p95 \(Self.format(p95)) \(unit), p99 \(Self.format(p99)) \(unit)"
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 10).rounded() / 10
        return String(scaled)
    }
}

/// Nanoseconds between two instants.
func nanoseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}
