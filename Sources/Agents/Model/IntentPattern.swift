/// One way a caller may phrase an intent, for the offline `scripted` language model:
/// `"my name is {name}"` matches "hi, my name is Ada Lovelace" and captures `name = "Ada Lovelace"`.
///
/// Syntax: words, and captures written `{identifier}` as separate words. Two captures may not be
/// adjacent (nothing would say where one ends), and a capture name may appear once per pattern.
/// Matching is case-insensitive, ignores punctuation, and finds the pattern anywhere in the utterance;
/// a capture takes 1 to `maxCaptureWords` words (as few as possible when a word follows it, as many as
/// are left, up to the limit, when it ends the pattern).
public struct IntentPattern: Sendable, Hashable, CustomStringConvertible {
    /// A piece of a pattern.
    public enum Token: Sendable, Hashable {
        /// A word that must be said (lower-cased).
        case word(String)
        /// A capture of one or more words into the named variable.
        case capture(String)
    }

    /// The result of a successful match.
    public struct Match: Sendable, Hashable {
        /// Captured variables, with the words as the caller spelt them, joined by single spaces.
        public var captures: [String: String]
        /// How many literal words of the pattern matched: the more, the more specific the match.
        public var literalWordCount: Int
        /// How many utterance words went into captures.
        public var capturedWordCount: Int
    }

    /// Why a pattern cannot be used, and where in it (a character offset into the pattern text).
    public struct SyntaxError: Error, Sendable, Hashable {
        public var message: String
        public var offset: Int
    }

    /// Most words one capture takes: enough for a full name or a date, few enough that a trailing
    /// capture does not swallow a whole rambling sentence.
    public static let maxCaptureWords = 6
    /// Longest utterance (in words) considered when matching; longer ones are cut, bounding the work.
    public static let maxUtteranceWords = 200

    /// The pattern as written.
    public let source: String
    /// Its words and captures.
    public let tokens: [Token]

    /// Parses a pattern, or throws the first syntax problem found.
    public init(parsing source: String) throws(SyntaxError) {
        self.source = source
        self.tokens = try IntentPatternParser.tokens(of: source)
    }

    /// Names of the variables this pattern captures.
    public var captureNames: [String] {
        tokens.compactMap { if case .capture(let name) = $0 { return name } else { return nil } }
    }

    /// The pattern text.
    public var description: String { source }

    /// The best match of this pattern inside `utterance`: the one whose captures before the last
    /// literal word take the fewest words, then the earliest. A capture that ends the pattern is not
    /// counted there: it takes the rest of the utterance (up to `maxCaptureWords`) from the earliest
    /// place the pattern occurs, so `{name}` alone captures "Grace Hopper", not just "Hopper".
    /// Nil when the pattern does not occur.
    public func match(_ utterance: Utterance) -> Match? {
        let words = Array(utterance.words.prefix(Self.maxUtteranceWords))
        var best: (match: Match, innerWords: Int)?
        for start in words.indices {
            guard let found = match(from: 0, at: start, in: words) else { continue }
            let innerWords = found.capturedWordCount - trailingCaptureLength(of: found)
            if let current = best, current.innerWords <= innerWords { continue }
            best = (found, innerWords)
        }
        return best?.match
    }

    /// Words taken by the capture that ends the pattern, if one does (0 otherwise). Captured words
    /// never contain spaces (`Utterance` splits on everything but letters, digits and apostrophes).
    private func trailingCaptureLength(of match: Match) -> Int {
        guard case .capture(let name) = tokens.last, let captured = match.captures[name] else { return 0 }
        return captured.split(separator: " ").count
    }

    private func match(from tokenIndex: Int, at wordIndex: Int, in words: [Utterance.Word]) -> Match? {
        guard tokenIndex < tokens.count else {
            return Match(captures: [:], literalWordCount: 0, capturedWordCount: 0)
        }
        guard wordIndex < words.count else { return nil }
        switch tokens[tokenIndex] {
        case .word(let word):
            guard words[wordIndex].normalized == word,
                  var rest = match(from: tokenIndex + 1, at: wordIndex + 1, in: words) else { return nil }
            rest.literalWordCount += 1
            return rest
        case .capture(let name):
            let available = min(Self.maxCaptureWords, words.count - wordIndex)
            let isLast = tokenIndex == tokens.count - 1
            let lengths = isLast ? Array([available]) : Array(1...available)
            for length in lengths {
                guard var rest = match(from: tokenIndex + 1, at: wordIndex + length, in: words) else { continue }
                let captured = words[wordIndex..<(wordIndex + length)].map(\.original)
                rest.captures[name] = captured.joined(separator: " ")
                rest.capturedWordCount += length
                return rest
            }
            return nil
        }
    }
}
