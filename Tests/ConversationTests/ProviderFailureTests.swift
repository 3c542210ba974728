import Testing
import Speech
@testable import Conversation

@Suite struct ProviderFailureTests {
    let recovery = FixedPhrases().recovery

    @Test func languageModelFailureBeforeAnyAudioPlaysTheRecoveryPhraseAndKeepsTheTurn() {
        var call = CallScript.askedQuestion("Can I order a cake?")
        #expect(call.at(2500, .llmFailed(g1, .overloaded)) == [
            .record(.providerFailed(.languageModel, .overloaded, at: t(2500))),
            .playPhrase(.recovery), .sendMark(m1),
        ])
        let end = call.at(5000, .playoutMark(m1))
        #expect(actions(end) == [.startTimer(.noInput, after: .seconds(8))])
        #expect(call.history == [.user("Can I order a cake?"), .agent(recovery, interrupted: false, toolCalls: [])])
        // The caller repeats; the model sees the kept turn and the apology.
        call.at(6000, .vadSpeechStarted)
        call.at(7000, .vadSpeechEnded)
        #expect(actions(call.at(7100, .sttFinal("A cake, please."))).last == .startLLM(g2, [
            system, .user("Can I order a cake?"), .assistant(recovery), .user("A cake, please."),
        ]))
    }

    @Test func languageModelFailureMidReplyLetsQueuedSentencesFinishThenApologises() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "We open at nine. And on Sat"))
        #expect(actions(call.at(2300, .llmFailed(g1, .connectionLost))) == [])
        #expect(call.at(2400, .ttsAudio(u1, c1, duration: ms(1000))) == [.enqueuePlayout(u1, c1), .sendMark(m1)])
        #expect(call.at(2410, .ttsDone(u1)) == [.playPhrase(.recovery), .sendMark(m2)])
        call.at(3400, .playoutMark(m1))
        call.at(6000, .playoutMark(m2))
        #expect(call.history.last == .agent("We open at nine. " + recovery, interrupted: false, toolCalls: []))
    }

    @Test func speechFailureCancelsTheGenerationAndPlaysTheRecoveryPhrase() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "We open at nine. And we close at five. "))
        call.at(2300, .ttsAudio(u1, c1, duration: ms(500)))
        let effects = call.at(2400, .ttsFailed(u2, .timeout(.firstResponse)))
        #expect(effects == [
            .record(.providerFailed(.textToSpeech, .timeout(.firstResponse), at: t(2400))),
            .cancelLLM(g1), .cancelTTS, .playPhrase(.recovery), .sendMark(m2),
        ])
        // The audio already queued still plays, then the apology (cached audio: it needs no TTS).
        #expect(call.machine.liveGeneration == nil)
        call.at(2800, .playoutMark(m1))
        #expect(call.at(2900, .ttsDone(u1)) == [])  // cancelled with the rest: nothing more is queued
        call.at(6000, .playoutMark(m2))
        // 500 ms of the first sentence's estimated 1040 ms was heard, then the apology.
        #expect(call.history.last == .agent("We open " + recovery, interrupted: false, toolCalls: []))
    }

    @Test func speechFailureOfTheOnlySentenceQueuesTheRecoveryAtOnce() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "We open at nine."))
        call.at(2210, .llmDone(g1, nil))
        let effects = call.at(2400, .ttsFailed(u1, .auth))
        #expect(actions(effects) == [.playPhrase(.recovery), .sendMark(m1)])
        call.at(5000, .playoutMark(m1))
        #expect(call.history.last == .agent(recovery, interrupted: false, toolCalls: []))
    }

    @Test func anEmptyReplyIsAFailureNotSilence() {
        var call = CallScript.askedQuestion()
        let effects = call.at(2300, .llmDone(g1, nil))
        #expect(effects == [
            .record(.providerFailed(.languageModel,
                                    .malformedResponse(detail: "the language model returned an empty reply"),
                                    at: t(2300))),
            .playPhrase(.recovery), .sendMark(m1),
        ])
    }

    @Test func aSecondFailureInTheSameReplyDoesNotRepeatTheApology() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "One. Two. Three"))
        call.at(2300, .llmFailed(g1, .overloaded))
        let effects = call.at(2400, .ttsFailed(u1, .connectionLost))
        #expect(actions(effects) == [.cancelTTS, .playPhrase(.recovery), .sendMark(m1)])
    }
}
