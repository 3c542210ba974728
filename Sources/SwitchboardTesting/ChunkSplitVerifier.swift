/// Checks that an incremental parser does not care how its input is cut into reads: the same bytes fed
/// whole, split at every byte boundary, one byte at a time, at every pair of boundaries (small inputs)
/// and in seeded random chunkings must give the same outcome. Generic: the caller's `run` closure feeds
/// the chunks to a fresh parser and returns whatever it can observe (see `ParseTranscript`).
public struct ChunkSplitVerifier: Sendable {
    /// One chunking whose outcome differed from feeding the input whole.
    public struct Mismatch<Outcome: Equatable>: CustomStringConvertible {
        /// Sizes of the chunks, in order.
        public let chunkSizes: [Int]
        public let expected: Outcome
        public let actual: Outcome
        public var description: String {
            "chunks \(chunkSizes.prefix(16))\(chunkSizes.count > 16 ? "…" : ""): expected \(expected), got \(actual)"
        }
    }

    /// The result of one verification: how many chunkings ran and the first few that disagreed.
    public struct Report<Outcome: Equatable>: CustomStringConvertible {
        public let runs: Int
        public let mismatchCount: Int
        public let mismatches: [Mismatch<Outcome>]
        public var passed: Bool { mismatchCount == 0 }
        public var description: String {
            passed ? "\(runs) chunkings agree"
                : "\(mismatchCount) of \(runs) chunkings disagree; first: " + mismatches.map(\.description).joined(separator: "\n")
        }
    }

    public var everySingleSplit: Bool
    public var byteAtATime: Bool
    /// Inputs up to this many bytes are also split at every pair of boundaries (quadratic cost).
    public var maxBytesForSplitPairs: Int
    public var randomChunkings: Int
    public var seed: UInt64
    /// How many mismatches a report keeps.
    public var keptMismatches: Int

    public init(everySingleSplit: Bool = true, byteAtATime: Bool = true, maxBytesForSplitPairs: Int = 40,
                randomChunkings: Int = 32, seed: UInt64 = 0x5EED_C0DE, keptMismatches: Int = 3) {
        self.everySingleSplit = everySingleSplit
        self.byteAtATime = byteAtATime
        self.maxBytesForSplitPairs = maxBytesForSplitPairs
        self.randomChunkings = randomChunkings
        self.seed = seed
        self.keptMismatches = keptMismatches
    }

    /// Runs `run` on the whole input, then on every chunking, and compares the outcomes.
    public func verify<Outcome: Equatable>(_ input: [UInt8], run: ([ArraySlice<UInt8>]) -> Outcome) -> Report<Outcome> {
        let expected = run(input.isEmpty ? [] : [input[...]])
        var runs = 1, mismatchCount = 0
        var mismatches: [Mismatch<Outcome>] = []
        for cuts in chunkings(forCount: input.count) {
            let chunks = Self.split(input, at: cuts)
            let actual = run(chunks)
            runs += 1
            guard actual != expected else { continue }
            mismatchCount += 1
            if mismatches.count < keptMismatches {
                mismatches.append(Mismatch(chunkSizes: chunks.map(\.count), expected: expected, actual: actual))
            }
        }
        return Report(runs: runs, mismatchCount: mismatchCount, mismatches: mismatches)
    }

    /// The cut positions (strictly increasing, inside 1..<count) of every chunking to try.
    public func chunkings(forCount count: Int) -> [[Int]] {
        guard count > 1 else { return [] }
        var result: [[Int]] = []
        if everySingleSplit { result += (1..<count).map { [$0] } }
        if byteAtATime && count > 2 { result.append(Array(1..<count)) }
        if count <= maxBytesForSplitPairs {
            for first in 1..<count { for second in (first + 1)..<max(first + 1, count) { result.append([first, second]) } }
        }
        var rng = SeededRandom(seed: seed ^ UInt64(count))
        for _ in 0..<randomChunkings {
            var cuts: [Int] = []
            var position = 0
            while true {
                position += Int.random(in: 1...max(1, min(64, count / 2)), using: &rng)
                guard position < count else { break }
                cuts.append(position)
            }
            if !cuts.isEmpty { result.append(cuts) }
        }
        return result
    }

    /// Cuts `input` at the given positions.
    public static func split(_ input: [UInt8], at cuts: [Int]) -> [ArraySlice<UInt8>] {
        var chunks: [ArraySlice<UInt8>] = []
        var start = 0
        for cut in cuts + [input.count] where cut > start {
            chunks.append(input[start..<cut])
            start = cut
        }
        return chunks
    }
}
