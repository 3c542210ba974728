/// What a caller said, split into words for intent matching: letters, digits and apostrophes make
/// words, everything else separates them; comparison is case-insensitive (typographic apostrophes
/// count as `'`), while the original spelling is kept for captured values.
public struct Utterance: Sendable, Hashable {
    /// One word of an utterance.
    public struct Word: Sendable, Hashable {
        /// Lower-cased form used for comparison.
        public let normalized: String
        /// The word as spoken or typed, used when a pattern captures it.
        public let original: String
    }

    /// The words in order.
    public let words: [Word]

    /// Splits `text` into words.
    public init(_ text: String) {
        var words: [Word] = []
        var current = ""
        for character in text {
            let character: Character = character == "\u{2019}" ? "'" : character
            if character.isLetter || character.isNumber || character == "'" {
                current.append(character)
            } else if !current.isEmpty {
                words.append(Word(normalized: current.lowercased(), original: current))
                current = ""
            }
        }
        if !current.isEmpty { words.append(Word(normalized: current.lowercased(), original: current)) }
        self.words = words
    }
}
