import Testing
import Speech
@testable import Conversation

@Suite struct BargeInTests {
    /// The caller asked; the agent is streaming "We open at nine. And we close at five." and the first
    /// sentence has two 500 ms chunks queued, the first of which has been played.
    static func firstSentencePartlyPlayed() -> CallScript {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "We open at nine. And we close at five. "))
        call.at(2300, .ttsAudio(u1, c1, duration: ms(500)))
        call.at(2350, .ttsAudio(u1, c2, duration: ms(500)))
        call.at(2800, .playoutMark(m1))
        return call
    }

    @Test func bargeInDuringFirstSentenceCancelsEverythingAndKeepsOnlyHeardWords() {
        var call = Self.firstSentencePartlyPlayed()
        #expect(call.at(3000, .vadSpeechStarted) == [.startTimer(.bargeIn, after: ms(300))])
        let effects = call.at(3300, .timerFired(.bargeIn))
        let timeline = TurnTimeline(turn: 1, speechEnded: t(2000), sttFinal: t(2100), llmRequested: t(2100),
                                    firstToken: t(2200), firstSentence: t(2200), ttsRequested: t(2200),
                                    firstAudio: t(2300), firstFrameSent: t(2300))
        // 500 of an estimated 1040 ms (16 characters × 65 ms) played: "We open" (7 of 16 characters).
        #expect(effects == [
            .clearPlayout, .cancelLLM(g1), .cancelTTS,
            .record(.bargeIn(at: t(3300))),
            .record(.agentTurn("We open", interrupted: true, at: t(3300))),
            .record(.turnLatency(timeline)),
        ])
        #expect(call.history.last == .agent("We open", interrupted: true, toolCalls: []))
        // The caller's words become the next turn, after what they heard.
        call.at(3900, .vadSpeechEnded)
        #expect(actions(call.at(4000, .sttFinal("Do you have rye bread?"))) == [
            .cancelTimer(.endpoint),
            .startLLM(g2, [system, .user("Is the bakery open on Saturday?"), .assistant("We open"),
                           .user("Do you have rye bread?")]),
        ])
    }

    @Test func bargeInDuringGreetingTruncatesTheGreeting() {
        var call = CallScript(TurnSettings.testing.with {
            $0.greeting = "Hello, thanks for calling Ada's bakery. How can I help you today?"
        })
        call.at(0, .callAnswered)
        call.at(200, .ttsAudio(u1, c1, duration: ms(1000)))
        call.at(210, .ttsAudio(u1, c2, duration: ms(1000)))
        call.at(220, .ttsDone(u1))
        call.at(300, .ttsAudio(u2, c1, duration: ms(1200)))
        call.at(1200, .playoutMark(m1))
        call.at(1300, .vadSpeechStarted)
        let effects = call.at(1600, .timerFired(.bargeIn))
        #expect(actions(effects) == [.clearPlayout, .cancelTTS])
        // Half of "Hello, thanks for calling Ada's bakery." (39 characters): whole words up to 19.
        #expect(call.history == [.agent("Hello, thanks for", interrupted: true, toolCalls: [])])
    }

    @Test func greetingThatIsNotInterruptibleIgnoresCallerSpeech() {
        var call = CallScript(TurnSettings.testing.with {
            $0.greeting = "This call may be recorded."
            $0.bargeIn.greetingInterruptible = false
        })
        call.at(0, .callAnswered)
        call.at(200, .ttsAudio(u1, c1, duration: ms(1500)))
        #expect(call.at(500, .vadSpeechStarted) == [])
        #expect(call.at(900, .sttPartial("hello is anyone there")) == [])
        call.at(1000, .vadSpeechEnded)
        call.at(1100, .sttFinal("Hello, is anyone there?"))
        call.at(1200, .ttsDone(u1))
        // Once the greeting has been played, the caller's pending words are answered.
        #expect(actions(call.at(1700, .playoutMark(m1))) == [
            .startLLM(g1, [system, .agent("This call may be recorded."), .user("Hello, is anyone there?")]),
        ])
    }

    @Test func bargeInBetweenSentencesCancelsStreamsWithNothingToClear() {
        var call = Self.firstSentencePartlyPlayed()
        call.at(2900, .ttsDone(u1))
        call.at(3300, .playoutMark(m2))
        call.at(3400, .vadSpeechStarted)
        let effects = call.at(3700, .timerFired(.bargeIn))
        #expect(actions(effects) == [.cancelLLM(g1), .cancelTTS])
        #expect(call.history.last == .agent("We open at nine.", interrupted: true, toolCalls: []))
    }

    @Test func bargeInAfterGenerationEndedOnlyClearsThePlayout() {
        var call = Self.firstSentencePartlyPlayed()
        call.at(2900, .ttsDone(u1))
        call.at(2910, .llmDone(g1, nil))
        call.at(3000, .ttsAudio(u2, c1, duration: ms(1400)))
        call.at(3010, .ttsDone(u2))
        call.at(3300, .playoutMark(m2))
        call.at(3600, .vadSpeechStarted)
        let effects = call.at(3900, .timerFired(.bargeIn))
        #expect(actions(effects) == [.clearPlayout])
        #expect(call.history.last == .agent("We open at nine.", interrupted: true, toolCalls: []))
    }

    @Test func speechWhileTheAgentIsThinkingCancelsTheGeneration() {
        var call = CallScript.askedQuestion("I'd like to order a cake")
        #expect(call.at(2300, .vadSpeechStarted) == [.startTimer(.bargeIn, after: ms(300))])
        let effects = call.at(2600, .timerFired(.bargeIn))
        #expect(actions(effects) == [.cancelLLM(g1)])
        #expect(call.history == [.user("I'd like to order a cake")])
        call.at(3200, .vadSpeechEnded)
        // The generation restarts on everything the caller said, as one turn.
        #expect(actions(call.at(3300, .sttFinal("for Friday afternoon."))) == [
            .cancelTimer(.endpoint),
            .startLLM(g2, [system, .user("I'd like to order a cake for Friday afternoon.")]),
        ])
    }

    @Test func shortBlipIsRecordedButDoesNotInterrupt() {
        var call = Self.firstSentencePartlyPlayed()
        call.at(3000, .vadSpeechStarted)
        #expect(call.at(3150, .vadSpeechEnded) == [
            .cancelTimer(.bargeIn), .record(.ignoredSpeech(duration: ms(150), at: t(3150))),
        ])
        call.at(3200, .ttsDone(u1))
        call.at(3210, .llmDone(g1, nil))
        call.at(3300, .playoutMark(m2))
        call.at(3400, .ttsAudio(u2, c1, duration: ms(1400)))
        call.at(3410, .ttsDone(u2))
        call.at(4800, .playoutMark(m3))
        #expect(call.history.last == .agent("We open at nine. And we close at five.", interrupted: false, toolCalls: []))
    }

    @Test func enoughTranscribedWordsInterruptWithoutWaitingForTheVADMinimum() {
        var call = Self.firstSentencePartlyPlayed()
        call.at(3000, .vadSpeechStarted)
        let effects = call.at(3100, .sttPartial("sorry one moment"))
        #expect(actions(effects) == [.clearPlayout, .cancelLLM(g1), .cancelTTS, .cancelTimer(.bargeIn)])
    }

    @Test func fewerWordsThanTheMinimumDoNotInterrupt() {
        var call = Self.firstSentencePartlyPlayed()
        #expect(call.at(3100, .sttPartial("okay")) == [])
        #expect(call.machine.liveGeneration == g1)
    }

    @Test func marksAndAudioOfAClearedReplyAreIgnored() {
        var call = Self.firstSentencePartlyPlayed()
        call.at(3000, .vadSpeechStarted)
        call.at(3300, .timerFired(.bargeIn))
        let history = call.history
        #expect(call.at(3310, .playoutMark(m2)) == [])
        #expect(call.at(3320, .ttsAudio(u2, c1, duration: ms(300))) == [])
        #expect(call.at(3330, .llmToken(g1, "More words. ")) == [])
        #expect(call.at(3340, .llmDone(g1, nil)) == [])
        #expect(call.history == history)
    }

    @Test func bargeInCanBeDisabled() {
        var call = CallScript(TurnSettings.testing.with { $0.bargeIn.enabled = false })
        call.at(3000, .callAnswered)
        call.at(3010, .vadSpeechStarted)
        call.at(3020, .vadSpeechEnded)
        call.at(3030, .sttFinal("Hi there."))
        call.at(3040, .llmToken(g1, "Hello! How "))
        call.at(3050, .ttsAudio(u1, c1, duration: ms(500)))
        #expect(call.at(3100, .vadSpeechStarted) == [])
        #expect(call.at(3200, .sttPartial("stop stop stop stop")) == [])
        #expect(call.machine.liveGeneration == g1)
    }
}

extension ChatMessage {
    static func agent(_ text: String) -> ChatMessage { .assistant(text) }
}
