/// Median and tail percentiles of a set of measured durations, printed in milliseconds (the TLS and
/// WebSocket client benchmarks).
public struct Statistics {
    public let sorted: [Duration]

    public init(_ samples: [Duration]) { sorted = samples.sorted() }

    public func percentile(_ p: Double) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
        return sorted[index]
    }

    public var summary: String {
        "median \(Self.ms(percentile(0.5))) ms, p95 \(Self.ms(percentile(0.95))) ms, p99 \(Self.ms(percentile(0.99))) ms (n=\(sorted.count))"
    }

    public static func ms(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(Int((value * 1000).rounded())).withDecimalPoint(3)
    }
}

extension String {
    /// "12345" with 3 → "12.345".
    public func withDecimalPoint(_ places: Int) -> String {
        let padded = String(repeating: "0", count: max(0, places + 1 - count)) + self
        return padded.dropLast(places) + "." + padded.suffix(places)
    }
}
