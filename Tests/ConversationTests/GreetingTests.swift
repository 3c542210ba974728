import Testing
import Speech
@testable import Conversation

@Suite struct GreetingTests {
    let settings = TurnSettings.testing.with { $0.greeting = "Hello, this is Ada. How can I help?" }

    @Test func greetingIsSynthesizedSentenceBySentencePlayedInOrderAndRecordedAsHeard() {
        var call = CallScript(settings)
        #expect(call.at(0, .callAnswered) == [
            .record(.callAnswered(at: t(0))),
            .synthesize(u1, "Hello, this is Ada."),
            .synthesize(u2, "How can I help?"),
        ])
        #expect(call.at(300, .ttsAudio(u1, c1, duration: ms(600))) == [.enqueuePlayout(u1, c1), .sendMark(m1)])
        // The second sentence's audio waits until the first sentence's audio is all queued.
        #expect(call.at(350, .ttsAudio(u2, c1, duration: ms(700))) == [])
        #expect(call.at(400, .ttsAudio(u1, c2, duration: ms(500))) == [.enqueuePlayout(u1, c2), .sendMark(m2)])
        #expect(call.at(420, .ttsDone(u1)) == [.enqueuePlayout(u2, c1), .sendMark(m3)])
        #expect(call.at(450, .ttsDone(u2)) == [])
        #expect(call.at(900, .playoutMark(m1)) == [])
        #expect(call.at(1400, .playoutMark(m2)) == [])
        let end = call.at(2100, .playoutMark(m3))
        #expect(actions(end) == [.startTimer(.noInput, after: .seconds(8))])
        #expect(records(end).first == .agentTurn("Hello, this is Ada. How can I help?", interrupted: false, at: t(2100)))
        #expect(call.history == [.agent("Hello, this is Ada. How can I help?", interrupted: false, toolCalls: [])])
    }

    @Test func greetingTimelineHasNoSpeechEndSoNoVoiceToVoice() {
        var call = CallScript(settings)
        call.at(0, .callAnswered)
        call.at(250, .ttsAudio(u1, c1, duration: ms(600)))
        call.at(260, .ttsDone(u1))
        call.at(270, .ttsAudio(u2, c1, duration: ms(600)))
        call.at(280, .ttsDone(u2))
        call.at(900, .playoutMark(m1))
        let end = call.at(1500, .playoutMark(m2))
        let timeline = records(end).compactMap { if case .turnLatency(let timeline) = $0 { timeline } else { nil } }
        #expect(timeline == [TurnTimeline(turn: 1, firstSentence: t(0), ttsRequested: t(0), firstAudio: t(250),
                                          firstFrameSent: t(250))])
        #expect(timeline.first?.voiceToVoice == nil)
    }

    @Test func withoutGreetingTheAgentWaitsForTheCaller() {
        var call = CallScript()
        #expect(call.at(0, .callAnswered) == [
            .record(.callAnswered(at: t(0))), .startTimer(.noInput, after: .seconds(8)),
        ])
    }

    @Test func maximumCallDurationIsArmedOnAnswer() {
        var call = CallScript(TurnSettings.testing.with { $0.maximumCallDuration = .seconds(600) })
        #expect(actions(call.at(0, .callAnswered)) == [
            .startTimer(.maximumCallDuration, after: .seconds(600)), .startTimer(.noInput, after: .seconds(8)),
        ])
    }

    @Test func eventsBeforeAnswerAreIgnored() {
        var call = CallScript(settings)
        #expect(call.at(0, .vadSpeechStarted) == [])
        #expect(call.at(10, .sttFinal("hello")) == [])
        #expect(call.at(20, .dtmf("1")) == [])
        #expect(call.at(30, .callAnswered).contains(.synthesize(u1, "Hello, this is Ada.")))
    }

    @Test func cachedGreetingPlaysAsOnePhraseWithNoSynthesisAndIsRecordedAsHeard() {
        var call = CallScript(settings)
        call.machine.greetingAudioReady = true
        #expect(call.at(0, .callAnswered) == [.record(.callAnswered(at: t(0))), .playPhrase(.greeting), .sendMark(m1)])
        let end = call.at(2100, .playoutMark(m1))
        #expect(actions(end) == [.startTimer(.noInput, after: .seconds(8))])
        #expect(records(end).contains(.agentTurn("Hello, this is Ada. How can I help?", interrupted: false, at: t(2100))))
        #expect(call.history == [.agent("Hello, this is Ada. How can I help?", interrupted: false, toolCalls: [])])
    }

    @Test func bargeInOnACachedGreetingClearsItAndKeepsNoneOfItAsHeard() {
        var call = CallScript(settings)
        call.machine.greetingAudioReady = true
        call.at(0, .callAnswered)
        call.at(500, .vadSpeechStarted)
        let effects = call.at(800, .timerFired(.bargeIn))
        #expect(actions(effects).contains(.clearPlayout))
        #expect(!actions(effects).contains { if case .synthesize = $0 { true } else { false } })
        // Phrases are heard all or nothing: the caller cut in before its end mark.
        #expect(!call.history.contains(.agent("Hello, this is Ada. How can I help?", interrupted: false, toolCalls: [])))
        #expect(!call.history.contains { if case .agent(let text, _, _) = $0 { !text.isEmpty } else { false } })
    }

    @Test func cachedGreetingThatIsNotInterruptibleIgnoresCallerSpeech() {
        var call = CallScript(settings.with { $0.bargeIn.greetingInterruptible = false })
        call.machine.greetingAudioReady = true
        call.at(0, .callAnswered)
        #expect(call.at(500, .vadSpeechStarted) == [])
        #expect(call.at(900, .sttPartial("hello is anyone there")) == [])
        call.at(1000, .vadSpeechEnded)
        call.at(1100, .sttFinal("Hello, is anyone there?"))
        #expect(actions(call.at(2100, .playoutMark(m1))) == [
            .startLLM(g1, [system, .agent("Hello, this is Ada. How can I help?"), .user("Hello, is anyone there?")]),
        ])
    }
}
