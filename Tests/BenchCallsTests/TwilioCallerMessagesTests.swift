import Testing
@testable import switchboard_bench_calls

@Suite struct TwilioCallerMessagesTests {
    @Test func classifiesWhatTheAgentSends() {
        let media = #"{"event":"media","streamSid":"MZ1","media":{"payload":"AAAAAA=="}}"#
        #expect(TwilioCallerMessages.classify(media) == .media(bytes: 4))
        #expect(TwilioCallerMessages.classify(#"{"event":"mark","streamSid":"MZ1","mark":{"name":"m12"}}"#) == .mark(name: "m12"))
        #expect(TwilioCallerMessages.classify(#"{"event":"clear","streamSid":"MZ1"}"#) == .clear)
        #expect(TwilioCallerMessages.classify(#"{"event":"media"}"#) == .other)
        #expect(TwilioCallerMessages.classify("") == .other)
    }

    @Test func aCycleHasItsSpeechFramesAndOneTwentyMillisecondPayloadPerFrame() {
        let audio = CallerAudio(cycle: 4.5, speechStart: 0.5, speech: 1.5)
        #expect(audio.framesPerCycle == 225)
        #expect(audio.speechFrames == 25..<100)
        #expect(audio.payloads.allSatisfy { $0.count == 216 })  // 160 bytes as base64
        #expect(audio.payloads[50] != audio.payloads[150])
    }
}
