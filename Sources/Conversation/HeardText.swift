/// Turns "how much of a sentence's audio was played" into "which words the caller heard", keeping words
/// whole: a word counts as heard only when the played share reaches its last character. Pure.
public enum HeardText {
    /// The words of `text` that end within its first `fraction` (0…1) of characters.
    public static func prefix(of text: String, fraction: Double) -> String {
        if fraction >= 1 { return text }
        guard fraction > 0 else { return "" }
        let characters = Array(text)
        let limit = Int(Double(characters.count) * fraction)  // truncation: both factors are positive
        var end = 0
        var index = 0
        while index < limit {
            let endsWord = !characters[index].isWhitespace
                && (index + 1 == characters.count || characters[index + 1].isWhitespace)
            if endsWord { end = index + 1 }
            index += 1
        }
        return String(characters[..<end])
    }

    /// The share of an utterance heard, from the audio played and the utterance's total length.
    /// An utterance without audio was not heard at all.
    public static func fraction(played: Duration, of total: Duration) -> Double {
        guard total > .zero else { return 0 }
        return min(1, max(0, played / total))
    }
}
