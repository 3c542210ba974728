/// How streamed reply text is cut into pieces for text-to-speech.
public struct ChunkerSettings: Sendable, Hashable {
    /// The first piece of a reply may end at a clause break (`,` `;` `:`) once it is at least this many
    /// characters long, so speech starts before the first full sentence is generated. Later pieces end
    /// only at sentence ends. Nil: sentence ends only.
    public var firstChunkMinimumLength: Int?
    /// A piece with no sentence end this long is cut at its last space (a run-on reply still gets spoken).
    public var maximumChunkLength: Int

    public init(firstChunkMinimumLength: Int? = 24, maximumChunkLength: Int = 250) {
        precondition(maximumChunkLength >= 16, "maximumChunkLength below 16 characters would cut words apart")
        self.firstChunkMinimumLength = firstChunkMinimumLength
        self.maximumChunkLength = maximumChunkLength
    }
}

/// Cuts a stream of language-model tokens into sentences for text-to-speech, as soon as each sentence is
/// certainly complete. A sentence end is `.`, `!`, `?` or `…` (with any closing quotes or brackets)
/// followed by whitespace, or a line break; a period is not an end after a title ("Dr."), a Latin
/// abbreviation ("e.g."), an initial ("J."), or after "a.m."/"etc." when the next word is lowercase.
/// Decimals ("3.5") never split because a sentence end needs whitespace after it. Pure; one per reply.
public struct SentenceChunker: Sendable {
    public let settings: ChunkerSettings
    private var buffer: [Character] = []
    private var scanFrom = 0
    private var emittedAny = false

    public init(settings: ChunkerSettings = ChunkerSettings()) {
        self.settings = settings
    }

    /// Adds a token; returns the sentences it completed, in order, trimmed and never empty.
    public mutating func append(_ token: String) -> [String] {
        buffer.append(contentsOf: token)
        var pieces: [String] = []
        var index = scanFrom
        while index < buffer.count {
            switch boundary(at: index) {
            case .none:
                index += 1
            case .undecided:
                scanFrom = index
                return cutOverlong(into: pieces)
            case .after(let end):
                if let piece = take(upTo: end) { pieces.append(piece) }
                index = 0
            }
        }
        scanFrom = buffer.count
        return cutOverlong(into: pieces)
    }

    /// The reply is complete: returns whatever text is left, or nil when only whitespace remains.
    public mutating func flush() -> String? {
        let rest = take(upTo: buffer.count)
        buffer.removeAll()
        scanFrom = 0
        return rest
    }

    private enum Boundary { case none, undecided, after(Int) }

    private func boundary(at index: Int) -> Boundary {
        let character = buffer[index]
        if character == "\n" { return .after(index + 1) }
        let isSentenceEnd = SentenceRules.sentenceEnders.contains(character)
        let isClause = !emittedAny && SentenceRules.clauseBreaks.contains(character)
            && index + 1 >= (settings.firstChunkMinimumLength ?? Int.max)
        guard isSentenceEnd || isClause else { return .none }
        // Punctuation runs ("?!", "...") and closing quotes/brackets belong to the sentence.
        var end = index + 1
        while end < buffer.count,
              SentenceRules.sentenceEnders.contains(buffer[end]) || SentenceRules.closers.contains(buffer[end]) {
            end += 1
        }
        guard end < buffer.count else { return .undecided }
        guard buffer[end].isWhitespace else { return .none }
        guard character == "." else { return .after(end) }
        switch SentenceRules.periodRule(wordEndingAt: index, in: buffer) {
        case .ends: return .after(end)
        case .neverEnds: return .none
        case .endsBeforeCapital:
            guard let next = buffer[end...].firstIndex(where: { !$0.isWhitespace }) else { return .undecided }
            return buffer[next].isUppercase ? .after(end) : .none
        }
    }

    /// Removes `buffer[..<end]` and returns it trimmed, or nil when it is only whitespace.
    private mutating func take(upTo end: Int) -> String? {
        let piece = String(buffer[..<end]).trimmingWhitespace
        buffer.removeFirst(end)
        if let first = buffer.firstIndex(where: { !$0.isWhitespace }) { buffer.removeFirst(first) } else { buffer.removeAll() }
        scanFrom = 0
        guard !piece.isEmpty else { return nil }
        emittedAny = true
        return piece
    }

    private mutating func cutOverlong(into pieces: [String]) -> [String] {
        var pieces = pieces
        while buffer.count > settings.maximumChunkLength {
            let limit = settings.maximumChunkLength
            // A space right after the limit still allows a piece of exactly `limit` characters.
            let space = buffer[...limit].lastIndex(where: \.isWhitespace) ?? limit
            if let piece = take(upTo: max(space, 1)) { pieces.append(piece) }
        }
        return pieces
    }
}
