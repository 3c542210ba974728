/// Suggests the intended word for a misspelt key or name, by edit distance.
enum DidYouMean {
    /// The closest candidate to `word`, if it is close enough to be a plausible typo: at most a third
    /// of the word's length in edits (at least one edit), ties broken by the candidates' order.
    /// Failing that, the only candidate that starts with the word (`redact` → `redact_transcripts`).
    static func suggestion(for word: String, among candidates: [String]) -> String? {
        closest(to: word, among: candidates) ?? onlyExtension(of: word, among: candidates)
    }

    private static func onlyExtension(of word: String, among candidates: [String]) -> String? {
        guard word.count >= 3 else { return nil }
        let extensions = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        return extensions.count == 1 ? extensions[0] : nil
    }

    private static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = max(1, word.count / 3)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// " (did you mean \"x\"?)" or an empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        suggestion(for: word, among: candidates).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
    /// adjacent characters each cost one edit (`gretting` → `greeting` is one transposition away).
    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
