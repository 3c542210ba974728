@testable import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite("AssemblyAI message decoding")
struct AssemblyAIMessageDecoderTests {
    let decoder = AssemblyAIMessageDecoder()

    func decode(_ text: String) throws -> AssemblyAIMessage { try decoder.decode(Array(text.utf8)) }

    @Test func v3MessagesAreRecognised() throws {
        #expect(try decode(#"{"type":"Begin","id":"de5d9927","expires_at":1759796682}"#) == .begin(id: "de5d9927", expiresAt: 1759796682))
        #expect(try decode(#"{"type":"Termination","audio_duration_seconds":12.5,"session_duration_seconds":13}"#)
            == .termination(audioDurationSeconds: 12.5))
        #expect(try decode(#"{"type":"Error","error_code":3008,"error":"Session Expired"}"#) == .error(code: 3008, message: "Session Expired"))
        let turn = try decode(#"""
        {"turn_order":0,"turn_is_formatted":false,"end_of_turn":false,"transcript":"hi","end_of_turn_confidence":1.4e-5,
         "words":[{"start":1920,"end":2000,"text":"hi","confidence":0.8,"word_is_final":true},
                  {"start":2800,"end":2880,"text":"my","confidence":0.6,"word_is_final":false}],"utterance":"","type":"Turn"}
        """#)
        #expect(turn == .turn(AssemblyAITurn(order: 0, transcript: "hi", words: ["hi", "my"], confidence: 0.7, endOfTurn: false, isFormatted: false)))
    }

    @Test func turnsMapToPartialsAndFinals() {
        let formatted = AssemblyAIDialect(formatTurns: true, chunkMilliseconds: 100)
        let partial = AssemblyAITurn(order: 0, transcript: "hi", words: ["hi", "my"], confidence: nil, endOfTurn: false, isFormatted: false)
        let unformattedEnd = AssemblyAITurn(order: 0, transcript: "hi my name", words: [], confidence: nil, endOfTurn: true, isFormatted: false)
        let formattedEnd = AssemblyAITurn(order: 0, transcript: "Hi, my name.", words: [], confidence: 0.9, endOfTurn: true, isFormatted: true)
        #expect(formatted.events(for: partial) == [.partial("hi my")])
        #expect(formatted.events(for: unformattedEnd) == [.partial("hi my name")])
        #expect(formatted.events(for: formattedEnd) == [.final("Hi, my name.", confidence: 0.9), .utteranceEnd])
        let plain = AssemblyAIDialect(formatTurns: false, chunkMilliseconds: 100)
        #expect(plain.events(for: unformattedEnd) == [.final("hi my name", confidence: nil), .utteranceEnd])
    }

    @Test func closeCodesMapToFailures() {
        #expect(AssemblyAIDialect.failure(code: 1008, reason: "Unauthorized Connection: Missing Authorization header") == .auth)
        #expect(AssemblyAIDialect.failure(code: 1008, reason: "Unauthorized Connection: Too many concurrent sessions") == .rateLimited(retryAfter: nil))
        #expect(AssemblyAIDialect.failure(code: 3008, reason: "Session Expired") == .connectionLost)
        #expect(AssemblyAIDialect.failure(code: 3005, reason: "Session Cancelled: An error occurred") == .overloaded)
        #expect(AssemblyAIDialect.failure(code: 1000, reason: "") == nil)
    }

    @Test(arguments: ["", "{}", #"{"type":"Turn"}"#, #"{"type":"Turn","transcript":"a","words":[{"start":1}]}"#, "[1]", "nul"])
    func malformedMessagesAreTypedErrors(_ text: String) {
        #expect(throws: AssemblyAIMessageDecoder.DecodeError.self) { try decode(text) }
    }

    @Test func randomMutationsNeverTrap() {
        let seed = Array(#"{"turn_order":1,"turn_is_formatted":true,"end_of_turn":true,"transcript":"Hi.","words":[{"text":"Hi.","confidence":0.9}],"type":"Turn"}"#.utf8)
        let mutator = ByteMutator(dictionary: [Array("\\u".utf8), Array("{".utf8), Array("\"".utf8), Array("-1e308".utf8)])
        var random = SeededRandom(seed: 0xA55E)
        for _ in 0..<3000 { _ = try? decoder.decode(mutator.mutate(seed, using: &random)) }
    }
}
