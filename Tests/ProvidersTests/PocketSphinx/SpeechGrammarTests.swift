import Speech
import Agents
import Testing
@testable import Providers

@Suite struct SpeechGrammarTests {
    static let dictionary: Set<String> = ["what", "are", "your", "hours", "my", "name", "is", "john", "mary", "ann",
                                          "book", "an", "appointment"]

    private func patterns(_ texts: [String]) -> [IntentPattern] {
        texts.map { try! IntentPattern(parsing: $0) }
    }

    private func build(_ texts: [String], vocabulary: CaptureVocabulary = CaptureVocabulary(defaultEntries: ["john", "mary ann"]),
                       maximumCaptureWords: Int = 2) -> SpeechGrammar? {
        SpeechGrammar.build(phrases: patterns(texts), vocabulary: vocabulary, maximumCaptureWords: maximumCaptureWords,
                            isKnownWord: Self.dictionary.contains)
    }

    @Test func phrasesBecomeOnePublicRuleOfAlternatives() throws {
        let grammar = try #require(build(["What are your hours?", "book an appointment", "book an appointment"]))
        #expect(grammar.jsgf == """
            #JSGF V1.0;
            grammar switchboard;
            public <utterance> = what are your hours | book an appointment;

            """)
        #expect(grammar.phrases == ["What are your hours?", "book an appointment"])
        #expect(grammar.dropped.isEmpty)
    }

    @Test func captureBecomesARuleRepeatingItsVocabulary() throws {
        let grammar = try #require(build(["my name is {name}"], maximumCaptureWords: 3))
        #expect(grammar.jsgf.contains("public <utterance> = my name is <capture_name>;"))
        #expect(grammar.jsgf.contains("<capture_name> = <capture_name_word> [<capture_name_word>] [<capture_name_word>];"))
        #expect(grammar.jsgf.contains("<capture_name_word> = john | mary ann;"))
    }

    @Test func phraseWithAnUnknownWordIsDroppedAndReported() throws {
        let grammar = try #require(build(["what are your hours", "are you open"]))
        #expect(grammar.phrases == ["what are your hours"])
        #expect(grammar.dropped.count == 1)
        #expect(grammar.dropped.first?.phrase == "are you open")
        #expect(grammar.dropped.first?.reason.contains("you, open") == true)
        #expect(!grammar.jsgf.contains("open"))
    }

    @Test func unknownCaptureWordsAreLeftOutAndReported() throws {
        let vocabulary = CaptureVocabulary(defaultEntries: ["john", "zebedee", "mary quux"])
        let grammar = try #require(build(["my name is {name}"], vocabulary: vocabulary))
        #expect(grammar.jsgf.contains("<capture_name_word> = john;"))
        #expect(grammar.unknownCaptureWords == ["zebedee", "quux"])
    }

    @Test func captureWithNoKnownWordDropsItsPhrases() throws {
        let vocabulary = CaptureVocabulary(defaultEntries: ["zebedee"])
        let grammar = try #require(build(["my name is {name}", "book an appointment"], vocabulary: vocabulary))
        #expect(grammar.phrases == ["book an appointment"])
        #expect(!grammar.jsgf.contains("capture_name"))
    }

    @Test func perCaptureVocabularyWins() throws {
        let vocabulary = CaptureVocabulary(defaultEntries: ["john"], entriesByCapture: ["who": ["mary"]])
        let grammar = try #require(build(["my name is {who}", "name {name}"], vocabulary: vocabulary))
        #expect(grammar.jsgf.contains("<capture_who_word> = mary;"))
        #expect(grammar.jsgf.contains("<capture_name_word> = john;"))
    }

    @Test func nothingRecognizableIsNil() {
        #expect(build(["are you open", "hello there"]) == nil)
    }

    @Test func receptionistGrammarKeepsEveryPhraseWithTheRealDictionary() async throws {
        let stt = try PocketSphinxSpeechToText(dialogue: Receptionist.dialogue)
        let session = try await withTimeout {
            try await stt.open(TranscriptionRequest(format: .init(encoding: .linear16, sampleRate: .hz16000)))
        }
        session.cancel()
        #expect(session.grammar.dropped.isEmpty, "\(session.grammar.dropped)")
        #expect(session.grammar.phrases.count == Receptionist.dialogue.intents.flatMap(\.patterns).count)
        #expect(session.grammar.unknownCaptureWords.isEmpty)
    }
}
