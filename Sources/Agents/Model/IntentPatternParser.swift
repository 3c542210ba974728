/// Turns intent pattern text into tokens, rejecting what could never match as intended.
enum IntentPatternParser {
    /// The tokens of `source`, or the first syntax error with its character offset.
    static func tokens(of source: String) throws(IntentPattern.SyntaxError) -> [IntentPattern.Token] {
        var tokens: [IntentPattern.Token] = []
        var captured = Set<String>()
        for (piece, offset) in pieces(of: source) {
            if piece.contains("{") || piece.contains("}") {
                let name = try captureName(in: piece, at: offset)
                if case .capture(let previous)? = tokens.last {
                    throw .init(message: "captures {\(previous)} and {\(name)} are next to each other; "
                        + "put a word between them so the matcher knows where one ends", offset: offset)
                }
                guard captured.insert(name).inserted else {
                    throw .init(message: "capture {\(name)} appears twice in one pattern", offset: offset)
                }
                tokens.append(.capture(name))
            } else {
                tokens += Utterance(String(piece)).words.map { .word($0.normalized) }
            }
        }
        guard !tokens.isEmpty else {
            throw .init(message: "pattern has no words to match", offset: 0)
        }
        return tokens
    }

    /// Whitespace-separated pieces with their character offsets.
    private static func pieces(of source: String) -> [(Substring, Int)] {
        var result: [(Substring, Int)] = []
        var offset = 0
        var start: String.Index?
        var startOffset = 0
        for index in source.indices {
            if source[index].isWhitespace {
                if let begun = start { result.append((source[begun..<index], startOffset)) }
                start = nil
            } else if start == nil {
                start = index
                startOffset = offset
            }
            offset += 1
        }
        if let begun = start { result.append((source[begun...], startOffset)) }
        return result
    }

    /// The variable name of a capture piece such as `{name}` (surrounding punctuation allowed).
    private static func captureName(in piece: Substring, at offset: Int) throws(IntentPattern.SyntaxError) -> String {
        let isPunctuation: (Character) -> Bool = { !$0.isLetter && !$0.isNumber && $0 != "{" && $0 != "}" && $0 != "_" }
        let trimmedStart = piece.drop(while: isPunctuation)
        let core = trimmedStart.reversed().drop(while: isPunctuation).reversed()
        let coreOffset = offset + piece.distance(from: piece.startIndex, to: trimmedStart.startIndex)
        let text = String(core)
        let captures = text.split(separator: "}", omittingEmptySubsequences: true).filter { $0.hasPrefix("{") }
        if captures.count > 1 {
            throw .init(message: "captures \(captures.map { $0 + "}" }.joined(separator: " and ")) are next to each other; "
                + "put a word between them so the matcher knows where one ends", offset: coreOffset)
        }
        guard let open = text.firstIndex(of: "{") else {
            throw .init(message: "\"}\" without a matching \"{\"", offset: coreOffset)
        }
        guard let close = text.firstIndex(of: "}"), open < close else {
            throw .init(message: "\"{\" is not closed", offset: coreOffset + text.distance(from: text.startIndex, to: open))
        }
        guard open == text.startIndex, text.index(after: close) == text.endIndex else {
            throw .init(message: "a capture must be a word of its own, as in \"my name is {name}\"; found \"\(text)\"",
                        offset: coreOffset)
        }
        let name = text[text.index(after: open)..<close]
        guard !name.isEmpty else { throw .init(message: "empty capture \"{}\"", offset: coreOffset) }
        guard TextTemplate.isIdentifier(name) else {
            throw .init(message: "capture name \"\(name)\" must be letters, digits and _ (not starting with a digit)",
                        offset: coreOffset + 1)
        }
        return String(name)
    }
}
