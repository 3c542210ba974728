/// Word error rate of a hypothesis against a reference: the fewest word substitutions, deletions and
/// insertions that turn the reference into the hypothesis, over the reference's word count. Words are
/// compared as `SpokenWords` splits them (case and punctuation ignored). Pure.
public struct WordErrorRate: Sendable, Hashable {
    /// Each side is compared over at most this many words, so a long call's transcripts cost at most
    /// 2 000 × 2 000 steps.
    public static let maximumWords = 2_000

    public var substitutions: Int
    public var deletions: Int
    public var insertions: Int
    public var referenceWords: Int

    public init(substitutions: Int, deletions: Int, insertions: Int, referenceWords: Int) {
        self.substitutions = substitutions
        self.deletions = deletions
        self.insertions = insertions
        self.referenceWords = referenceWords
    }

    public var errors: Int { substitutions + deletions + insertions }

    /// errors ÷ reference words; nil when the reference is empty (no rate can be defined).
    public var rate: Double? {
        referenceWords == 0 ? nil : Double(errors) / Double(referenceWords)
    }

    /// Compares `hypothesis` with `reference`.
    public static func between(reference: String, hypothesis: String) -> WordErrorRate {
        let ref = Array(SpokenWords.split(reference).prefix(maximumWords))
        let hyp = Array(SpokenWords.split(hypothesis).prefix(maximumWords))
        // previous[j]: the best alignment of ref[..<i-1] with hyp[..<j], as (errors, subs, dels, ins).
        var previous = (0...hyp.count).map { Cell(substitutions: 0, deletions: 0, insertions: $0) }
        for i in 1...max(ref.count, 1) where !ref.isEmpty {
            var current = [Cell(substitutions: 0, deletions: i, insertions: 0)]
            current.reserveCapacity(hyp.count + 1)
            for j in 1...max(hyp.count, 1) where !hyp.isEmpty {
                let same = ref[i - 1] == hyp[j - 1]
                var diagonal = previous[j - 1]
                if !same { diagonal.substitutions += 1 }
                var deletion = previous[j]
                deletion.deletions += 1
                var insertion = current[j - 1]
                insertion.insertions += 1
                current.append([diagonal, deletion, insertion].min { $0.errors < $1.errors }!)
            }
            previous = current
        }
        let best = previous[hyp.count]
        return WordErrorRate(substitutions: best.substitutions, deletions: best.deletions,
                             insertions: best.insertions, referenceWords: ref.count)
    }

    private struct Cell {
        var substitutions: Int
        var deletions: Int
        var insertions: Int
        var errors: Int { substitutions + deletions + insertions }
    }
}
