import Testing
import Speech
@testable import Conversation

@Suite struct StreamingReplyTests {
    @Test func firstSentenceIsSynthesizedWhileTheRestIsStillGenerated() {
        var call = CallScript.askedQuestion()
        #expect(call.at(2400, .llmToken(g1, "Yes")) == [])
        #expect(call.at(2420, .llmToken(g1, ", we are.")) == [])  // a sentence end needs the next character
        #expect(call.at(2440, .llmToken(g1, " We open at 9")) == [.synthesize(u1, "Yes, we are.")])
        #expect(call.at(2460, .llmToken(g1, " a.m. on Saturday")) == [])  // "a.m." before a lowercase word
        #expect(call.at(2500, .ttsAudio(u1, c1, duration: ms(900))) == [.enqueuePlayout(u1, c1), .sendMark(m1)])
        #expect(call.at(2520, .llmToken(g1, ".")) == [])
        #expect(call.at(2540, .llmDone(g1, TokenUsage(promptTokens: 40, completionTokens: 12))) == [
            .synthesize(u2, "We open at 9 a.m. on Saturday."),
        ])
        call.at(2560, .ttsDone(u1))
        #expect(call.at(2700, .ttsAudio(u2, c1, duration: ms(1500))) == [.enqueuePlayout(u2, c1), .sendMark(m2)])
        call.at(2710, .ttsDone(u2))
        #expect(call.at(3400, .playoutMark(m1)) == [])
        let end = call.at(4900, .playoutMark(m2))
        #expect(actions(end) == [.startTimer(.noInput, after: .seconds(8))])
        #expect(call.history == [
            .user("Is the bakery open on Saturday?"),
            .agent("Yes, we are. We open at 9 a.m. on Saturday.", interrupted: false, toolCalls: []),
        ])
    }

    @Test func laterSentenceAudioWaitsForTheEarlierSentenceToBeQueued() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "One. Two. "))
        #expect(call.at(2300, .ttsAudio(u2, c1, duration: ms(400))) == [])
        #expect(call.at(2310, .ttsAudio(u2, c2, duration: ms(400))) == [])
        #expect(call.at(2320, .ttsDone(u2)) == [])
        #expect(call.at(2400, .ttsAudio(u1, c1, duration: ms(400))) == [.enqueuePlayout(u1, c1), .sendMark(m1)])
        #expect(call.at(2410, .ttsDone(u1)) == [
            .enqueuePlayout(u2, c1), .sendMark(m2), .enqueuePlayout(u2, c2), .sendMark(m3),
        ])
    }

    @Test func timelineGivesVoiceToVoiceAndOrchestrationOverhead() {
        var call = CallScript(TurnSettings.testing.with { $0.endpointing.minimumDelay = ms(200) })
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(2000, .vadSpeechEnded)        // speech end
        call.at(2100, .sttFinal("Hello."))    // STT waited 100 ms; the minimum delay holds until 2200
        call.at(2200, .timerFired(.endpoint)) // LLM request
        call.at(2500, .llmToken(g1, "Hi"))    // first token
        call.at(2600, .llmToken(g1, " there. How"))  // first sentence
        call.at(2750, .ttsAudio(u1, c1, duration: ms(500)))  // first audio, queued at once
        call.at(2760, .llmDone(g1, nil))
        call.at(2770, .ttsDone(u1))
        call.at(2780, .ttsAudio(u2, c1, duration: ms(300)))
        call.at(2790, .ttsDone(u2))
        call.at(3250, .playoutMark(m1))
        let end = call.at(3550, .playoutMark(m2))
        let timelines = records(end).compactMap { if case .turnLatency(let timeline) = $0 { timeline } else { nil } }
        let expected = TurnTimeline(turn: 1, speechEnded: t(2000), sttFinal: t(2100), llmRequested: t(2200),
                                    firstToken: t(2500), firstSentence: t(2600), ttsRequested: t(2600),
                                    firstAudio: t(2750), firstFrameSent: t(2750))
        #expect(timelines == [expected])
        #expect(expected.voiceToVoice == ms(750))
        #expect(expected.providerWait == ms(100 + 400 + 150))
        #expect(expected.orchestrationOverhead == ms(100))  // the minimum endpointing delay past the final
    }

    @Test func tokenUsageOfTheTurnIsRecorded() {
        var call = CallScript.askedQuestion()
        call.at(2200, .llmToken(g1, "Yes."))
        call.at(2210, .llmDone(g1, TokenUsage(promptTokens: 30, completionTokens: 2)))
        call.at(2300, .ttsAudio(u1, c1, duration: ms(400)))
        call.at(2310, .ttsDone(u1))
        let end = call.at(2800, .playoutMark(m1))
        let usage = records(end).compactMap { if case .turnLatency(let timeline) = $0 { timeline.usage } else { nil } }
        #expect(usage == [TokenUsage(promptTokens: 30, completionTokens: 2)])
    }

    @Test func eventsOfStreamsThatAreNotLiveAreIgnored() {
        var call = CallScript.askedQuestion()
        #expect(call.at(2200, .llmToken(g2, "Hello. There ")) == [])
        #expect(call.at(2210, .llmDone(g2, nil)) == [])
        #expect(call.at(2220, .ttsAudio(u3, c1, duration: ms(100))) == [])
        #expect(call.at(2230, .playoutMark(m4)) == [])
        #expect(call.at(2240, .toolResult(callID: "nope", content: "{}")) == [])
        #expect(call.machine.liveGeneration == g1)
    }

    @Test func nextCallerTurnSeesTheWholeConversation() {
        var call = CallScript.askedQuestion("Are you open?")
        call.at(2200, .llmToken(g1, "Yes."))
        call.at(2210, .llmDone(g1, nil))
        call.at(2300, .ttsAudio(u1, c1, duration: ms(400)))
        call.at(2310, .ttsDone(u1))
        call.at(2800, .playoutMark(m1))
        call.at(4000, .vadSpeechStarted)
        call.at(4500, .vadSpeechEnded)
        let effects = call.at(4600, .sttFinal("Until when?"))
        #expect(actions(effects) == [
            .cancelTimer(.endpoint),
            .startLLM(g2, [system, .user("Are you open?"), .assistant("Yes."), .user("Until when?")]),
        ])
    }
}

@Suite struct HandOffHistoryTests {
    @Test func aMachineCanContinueAnEarlierConversation() {
        var earlier = ConversationHistory(systemPrompt: "You are the billing desk.")
        earlier.appendUser("I was double charged.")
        var call = CallScript()
        call.machine = TurnMachine(settings: .testing, history: earlier)
        call.at(0, .callAnswered)
        call.at(100, .vadSpeechStarted)
        call.at(900, .vadSpeechEnded)
        #expect(actions(call.at(1000, .sttFinal("On Monday."))).last == .startLLM(g1, [
            .system("You are the billing desk."), .user("I was double charged. On Monday."),
        ]))
    }
}
