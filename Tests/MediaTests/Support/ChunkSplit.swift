/// The chunk-split check every parser of untrusted bytes must pass: feeding the same input whole, split
/// in two at every byte boundary, or one byte at a time gives the same outcome.
enum ChunkSplit {
    /// Runs `parse` over every split of `input`; returns the outcomes that differ from the whole-input one.
    static func mismatches<Outcome: Equatable>(_ input: [UInt8], parse: ([ArraySlice<UInt8>]) -> Outcome) -> [String] {
        let whole = parse([input[...]])
        var problems: [String] = []
        for cut in 0...input.count {
            let outcome = parse([input[..<cut], input[cut...]])
            if outcome != whole { problems.append("split at \(cut): \(outcome) ≠ \(whole)") }
        }
        let bytewise = parse(input.indices.map { input[$0...$0] })
        if bytewise != whole { problems.append("byte by byte: \(bytewise) ≠ \(whole)") }
        return problems
    }
}
