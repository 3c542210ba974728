import Testing
import Speech
@testable import Conversation

@Suite struct CallEndTests {
    @Test func maximumCallLengthStopsTheReplySaysGoodbyeAndHangsUp() {
        var call = CallScript(TurnSettings.testing.with { $0.maximumCallDuration = .seconds(3) })
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(2000, .vadSpeechEnded)
        call.at(2100, .sttFinal("Tell me everything."))
        call.at(2200, .llmToken(g1, "Well. There is a lot. "))
        call.at(2300, .ttsAudio(u1, c1, duration: ms(400)))
        let effects = call.at(3000, .timerFired(.maximumCallDuration))
        #expect(actions(effects) == [
            .clearPlayout, .cancelLLM(g1), .cancelTTS,
            .playPhrase(.goodbye(.maximumDuration)), .sendMark(m2), .startTimer(.hangUpGrace, after: .seconds(10)),
        ])
        #expect(actions(call.at(6000, .playoutMark(m2))) == [.cancelTimer(.hangUpGrace), .hangUp(.maximumDuration)])
        #expect(call.machine.hasEnded)
    }

    @Test func callerHangUpDuringGenerationCancelsEverythingExactlyOnce() {
        var call = CallScript(TurnSettings.testing.with {
            $0.maximumCallDuration = .seconds(600)
            $0.budgets.firstToken = .seconds(2)
        })
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(2000, .vadSpeechEnded)
        call.at(2100, .sttFinal("Hello?"))
        call.at(2200, .llmToken(g1, "Hi. How can"))
        let effects = call.at(2300, .callerHungUp)
        #expect(effects.filter { if case .record(.turnLatency) = $0 { false } else { true } } == [
            .cancelLLM(g1), .cancelTTS, .cancelTimer(.maximumCallDuration),
            .record(.callEnded(.callerHungUp, at: t(2300))),
        ])
        #expect(call.machine.armedTimers.isEmpty)
        #expect(call.at(2400, .callerHungUp) == [])
        #expect(call.at(2500, .llmToken(g1, " I help?")) == [])
        #expect(call.at(2600, .timerFired(.firstToken)) == [])
    }

    @Test func hangUpBeforeAnswerIsRecordedAndEndsTheCall() {
        var call = CallScript()
        #expect(call.at(0, .callerHungUp) == [.record(.callEnded(.callerHungUp, at: t(0)))])
        #expect(call.at(10, .callAnswered) == [])
    }

    @Test func hangUpWhileAToolRunsCancelsTheTool() {
        var call = CallScript.askedQuestion()
        let lookup = ToolCall(id: "call_1", name: "opening_hours", argumentsJSON: #"{"day":"saturday"}"#)
        call.at(2200, .llmToolCall(g1, lookup))
        call.at(2210, .llmDone(g1, nil))
        #expect(actions(call.at(2300, .callerHungUp)) == [.cancelTool(callID: "call_1")])
    }
}
