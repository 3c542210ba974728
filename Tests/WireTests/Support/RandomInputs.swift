import SwitchboardTesting

/// Seeded random and mutated inputs for the bounded random-input tests: a failure names its seed and
/// round, so it replays exactly.
enum RandomInputs {
    /// Rounds per parser (the brief: about 20k random and mutated inputs each).
    static let rounds = 20_000

    /// Calls `body` `rounds` times with an input (mostly mutations of the corpus, some pure noise with
    /// dictionary tokens) and a random chunking of it.
    static func forEach(seed: UInt64, corpus: [[UInt8]], dictionary: [[UInt8]], rounds: Int = rounds,
                        _ body: (_ round: Int, _ input: [UInt8], _ chunks: [ArraySlice<UInt8>]) -> Void) {
        var rng = SeededRandom(seed: seed)
        let mutator = ByteMutator(dictionary: dictionary, maxMutations: 6)
        for round in 0..<rounds {
            let input: [UInt8]
            if round % 5 == 4 {
                var noise: [UInt8] = []
                for _ in 0..<Int.random(in: 0...12, using: &rng) {
                    noise += Bool.random(using: &rng) ? (dictionary.randomElement(using: &rng) ?? []) : rng.bytes(Int.random(in: 1...8, using: &rng))
                }
                input = noise
            } else {
                input = mutator.mutate(corpus[round % corpus.count], using: &rng)
            }
            body(round, input, chunks(of: input, using: &rng))
        }
    }

    static func chunks(of input: [UInt8], using rng: inout SeededRandom) -> [ArraySlice<UInt8>] {
        var cuts: [Int] = []
        var position = 0
        while true {
            position += Int.random(in: 1...max(1, input.count / 3 + 1), using: &rng)
            guard position < input.count else { break }
            cuts.append(position)
        }
        return ChunkSplitVerifier.split(input, at: cuts)
    }
}
