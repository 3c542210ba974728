import Testing
@testable import Conversation

@Suite struct SentenceChunkerTests {
    /// Feeds `tokens` one by one, then flushes; returns every piece in order.
    static func chunks(_ tokens: [String], _ settings: ChunkerSettings = ChunkerSettings(firstChunkMinimumLength: nil))
        -> [String] {
        var chunker = SentenceChunker(settings: settings)
        var pieces = tokens.flatMap { chunker.append($0) }
        if let rest = chunker.flush() { pieces.append(rest) }
        return pieces
    }

    @Test func splitsOnSentenceEndsFollowedBySpace() {
        #expect(Self.chunks(["Hello there! How are", " you? I'm fine."]) == ["Hello there!", "How are you?", "I'm fine."])
    }

    @Test func aSentenceIsReleasedOnlyOnceTheNextCharacterConfirmsIt() {
        var chunker = SentenceChunker(settings: ChunkerSettings(firstChunkMinimumLength: nil))
        #expect(chunker.append("It costs 3.") == [])
        #expect(chunker.append("50 dollars.") == [])
        #expect(chunker.append(" Anything else?") == ["It costs 3.50 dollars."])
        #expect(chunker.flush() == "Anything else?")
        #expect(chunker.flush() == nil)
    }

    @Test func titlesInitialsAndLatinAbbreviationsDoNotEndSentences() {
        #expect(Self.chunks(["Dr. Smith and Mrs. Jones met J. K. Rowling, e.g. at St. Mary's. Then they left."])
                == ["Dr. Smith and Mrs. Jones met J. K. Rowling, e.g. at St. Mary's.", "Then they left."])
    }

    @Test func timeAbbreviationsEndASentenceOnlyBeforeACapital() {
        #expect(Self.chunks(["We open at 9 a.m. on weekdays. We close at 5 p.m. Call us then."])
                == ["We open at 9 a.m. on weekdays.", "We close at 5 p.m.", "Call us then."])
    }

    @Test func decimalsAndVersionNumbersStayWhole() {
        #expect(Self.chunks(["Pi is 3.14159 and the version is 2.0.1 today. Yes."])
                == ["Pi is 3.14159 and the version is 2.0.1 today.", "Yes."])
    }

    @Test func closingQuotesAndPunctuationRunsBelongToTheSentence() {
        #expect(Self.chunks(["He said \"wait!\" Then \"really?!\" (Yes.) Done."])
                == ["He said \"wait!\"", "Then \"really?!\"", "(Yes.)", "Done."])
    }

    @Test func lineBreaksEndPieces() {
        #expect(Self.chunks(["Options:\n- bread\n- cake\n"]) == ["Options:", "- bread", "- cake"])
    }

    @Test func theFirstChunkMayEndAtAClauseOnceLongEnough() {
        let settings = ChunkerSettings(firstChunkMinimumLength: 20)
        #expect(Self.chunks(["Sure, let me check the calendar for you, it takes a second, okay."], settings)
                == ["Sure, let me check the calendar for you,", "it takes a second, okay."])
    }

    @Test func overlongTextWithoutSentenceEndsIsCutAtASpace() {
        let settings = ChunkerSettings(firstChunkMinimumLength: nil, maximumChunkLength: 20)
        let pieces = Self.chunks(["one two three four five six seven eight nine ten"], settings)
        #expect(pieces == ["one two three four", "five six seven eight", "nine ten"])
        #expect(pieces.allSatisfy { $0.count <= 20 })
    }

    @Test func flushReturnsTheUnfinishedTailOrNothing() {
        #expect(Self.chunks(["Almost done"]) == ["Almost done"])
        #expect(Self.chunks(["   "]) == [])
        #expect(Self.chunks([]) == [])
    }

    @Test func tokenBoundariesDoNotChangeTheResult() {
        let text = "Dr. Lee said it's 3.5 km away. Really? Yes! We open at 9 a.m. Monday, e.g. tomorrow. Bye."
        let whole = Self.chunks([text])
        let characters = Array(text)
        for split in 1..<characters.count {
            #expect(Self.chunks([String(characters[..<split]), String(characters[split...])]) == whole)
        }
        #expect(Self.chunks(characters.map { String($0) }) == whole)
    }

    @Test func noTextIsLostOrInvented() {
        var generator = SeededGenerator(seed: 7)
        let alphabet = Array("ab .!?,\n3\"Dr")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0..<80, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            })
            let pieces = Self.chunks([text], ChunkerSettings(firstChunkMinimumLength: 5, maximumChunkLength: 16))
            let squeeze = { (s: String) in s.filter { !$0.isWhitespace } }
            #expect(squeeze(pieces.joined()) == squeeze(text))
            #expect(pieces.allSatisfy { !$0.isEmpty && $0 == $0.trimmingWhitespace })
        }
    }
}
