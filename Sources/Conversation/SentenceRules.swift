/// The punctuation and abbreviation lists `SentenceChunker` uses (English).
enum SentenceRules {
    static let sentenceEnders: Set<Character> = [".", "!", "?", "…"]
    static let clauseBreaks: Set<Character> = [",", ";", ":"]
    static let closers: Set<Character> = ["\"", "'", ")", "]", "”", "’", "»"]

    /// Words after which a period never ends a sentence: titles and Latin abbreviations that are always
    /// followed by more of the same sentence. Lowercased, without their final period.
    static let neverEnding: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "e.g", "i.e", "cf", "approx", "no",
        "fig", "ft", "dept", "apt",
    ]
    /// Abbreviations that often end a sentence too: a period after them ends the sentence only when the
    /// next word starts with a capital letter.
    static let endingBeforeCapital: Set<String> = ["a.m", "p.m", "etc", "inc", "ltd", "co", "corp", "u.s"]

    enum PeriodRule { case ends, neverEnds, endsBeforeCapital }

    /// Classifies the period at `index` by the word before it.
    static func periodRule(wordEndingAt index: Int, in text: [Character]) -> PeriodRule {
        var start = index
        while start > 0, !text[start - 1].isWhitespace, !closers.contains(text[start - 1]) { start -= 1 }
        let word = text[start..<index]
        if word.isEmpty { return .ends }
        if word.count == 1, word.first!.isUppercase { return .neverEnds }  // an initial: "J. K. Rowling"
        let key = String(word).lowercased()
        if neverEnding.contains(key) { return .neverEnds }
        if endingBeforeCapital.contains(key) { return .endsBeforeCapital }
        return .ends
    }
}
