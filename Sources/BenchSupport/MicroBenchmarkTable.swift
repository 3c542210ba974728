/// Runs micro-benchmarks (name, bytes per operation, operation) with `Stopwatch` and prints one table row each (bytes, median, p95, p99
/// nanoseconds per operation). `filters`: words a benchmark's name must contain (case-insensitive),
/// by default the command-line arguments.
public func runMicroBenchmarks(_ benchmarks: [(String, Int, () -> Int)],
                               filters: [String] = CommandLine.arguments.dropFirst().map { $0.lowercased() }) {
    func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
    print("benchmark                                          bytes   median ns     p95 ns     p99 ns")
    for (name, bytes, operation) in benchmarks where filters.allSatisfy({ name.lowercased().contains($0) }) {
        let figures = Stopwatch.measure(operation)
        let columns = [figures.median, figures.p95, figures.p99].map { pad(String(Int($0 + 0.5)), 11) }
        print(name + String(repeating: " ", count: max(0, 50 - name.count)) + pad(String(bytes), 6) + columns.joined())
    }
}
