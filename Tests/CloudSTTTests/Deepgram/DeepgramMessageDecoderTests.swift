@testable import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite("Deepgram message decoding")
struct DeepgramMessageDecoderTests {
    let decoder = DeepgramMessageDecoder()

    func decode(_ text: String) throws -> DeepgramMessage { try decoder.decode(Array(text.utf8)) }

    @Test func resultsCarryTranscriptConfidenceAndFinality() throws {
        let message = try decode(#"""
        {"type":"Results","channel_index":[0,1],"start":3.42,"duration":1.28,"is_final":true,"speech_final":false,
         "from_finalize":false,"channel":{"alternatives":[{"transcript":"book a table for two","confidence":0.97,
         "words":[{"word":"book","start":3.5,"end":3.71,"confidence":0.99,"punctuated_word":"Book"}]}]},
         "metadata":{"request_id":"5f0e","model_info":{"name":"general-nova-3","version":"1","arch":"nova-3"},"model_uuid":"u"}}
        """#)
        #expect(message == .results(DeepgramResult(transcript: "book a table for two", confidence: 0.97, isFinal: true,
                                                   speechFinal: false, start: 3.42, duration: 1.28)))
    }

    @Test func controlMessagesAreRecognised() throws {
        #expect(try decode(#"{"type":"SpeechStarted","channel":[0,1],"timestamp":3.4}"#) == .speechStarted(timestamp: 3.4))
        #expect(try decode(#"{"type":"UtteranceEnd","channel":[0,1],"last_word_end":4.7}"#) == .utteranceEnd(lastWordEnd: 4.7))
        #expect(try decode(#"{"type":"Metadata","request_id":"r1","duration":61.2,"channels":1}"#) == .metadata(requestID: "r1"))
        #expect(try decode(#"{"type":"Warning","description":"x"}"#) == .other(type: "Warning"))
    }

    @Test func resultsMapToPartialFinalAndUtteranceEnd() {
        let interim = DeepgramResult(transcript: "book", confidence: 0.5, isFinal: false, speechFinal: false)
        let final = DeepgramResult(transcript: "book it", confidence: 0.9, isFinal: true, speechFinal: true)
        let emptyEndpoint = DeepgramResult(transcript: "", confidence: nil, isFinal: true, speechFinal: true)
        #expect(DeepgramDialect.events(for: interim) == [.partial("book")])
        #expect(DeepgramDialect.events(for: final) == [.final("book it", confidence: 0.9), .utteranceEnd])
        #expect(DeepgramDialect.events(for: emptyEndpoint) == [.utteranceEnd])
    }

    @Test(arguments: ["", "{", "[]", #"{"type":1}"#, #"{"type":"Results"}"#, #"{"type":"Results","channel":{"alternatives":[1]}}"#,
                      #"{"type":"Results"} x"#])
    func malformedMessagesAreTypedErrors(_ text: String) {
        #expect(throws: DeepgramMessageDecoder.DecodeError.self) { try decode(text) }
    }

    @Test func randomMutationsNeverTrap() {
        let seeds = [
            #"{"type":"Results","is_final":true,"speech_final":true,"channel":{"alternatives":[{"transcript":"a \"b\" \u00e9","confidence":0.9}]}}"#,
            #"{"type":"UtteranceEnd","channel":[0,1],"last_word_end":4.7}"#,
        ].map { Array($0.utf8) }
        let mutator = ByteMutator(dictionary: [Array("\\u".utf8), Array("{".utf8), Array("[".utf8), Array("\"".utf8), Array("1e999".utf8)])
        var random = SeededRandom(seed: 0xDEE9)
        var decoded = 0
        for round in 0..<3000 {
            let input = mutator.mutate(seeds[round % seeds.count], using: &random)
            if (try? decoder.decode(input)) != nil { decoded += 1 }
        }
        #expect(decoded < 3000)
    }
}
