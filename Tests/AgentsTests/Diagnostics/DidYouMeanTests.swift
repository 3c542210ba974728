import Testing
@testable import Agents

@Suite struct DidYouMeanTests {
    @Test func nearestCandidateWithinAThirdOfTheLengthIsSuggested() {
        let keys = AgentDecoder.topLevelKeys
        #expect(DidYouMean.suggestion(for: "gretting", among: keys) == "greeting")
        #expect(DidYouMean.suggestion(for: "system_promt", among: keys) == "system_prompt")
        #expect(DidYouMean.suggestion(for: "TTS", among: keys) == "tts")
        #expect(DidYouMean.suggestion(for: "variable", among: keys) == "variables")
        #expect(DidYouMean.suggestion(for: "colour", among: keys) == nil)
    }

    @Test func uniquePrefixIsSuggestedWhenNothingIsClose() {
        #expect(DidYouMean.suggestion(for: "redact", among: ["level", "redact_transcripts"]) == "redact_transcripts")
        #expect(DidYouMean.suggestion(for: "max", among: ["max_calls", "max_websocket_message_bytes"]) == nil)
    }

    @Test func transpositionCountsAsOneEdit() {
        #expect(DidYouMean.editDistance("lmm", "llm") == 1)
        #expect(DidYouMean.editDistance("", "abc") == 3)
        #expect(DidYouMean.editDistance("kitten", "sitting") == 3)
    }
}
