import Testing
import Speech
@testable import Conversation

@Suite struct KeypadTests {
    @Test func digitsEndedByTheTerminatorBecomeACallerTurn() {
        var call = CallScript()
        call.at(0, .callAnswered)
        #expect(call.at(1000, .dtmf("4")) == [.cancelTimer(.noInput), .startTimer(.keypadInterDigit, after: .seconds(3))])
        #expect(call.at(1400, .dtmf("2")) == [.startTimer(.keypadInterDigit, after: .seconds(3))])
        #expect(call.at(1800, .dtmf("#")) == [
            .cancelTimer(.keypadInterDigit),
            .record(.userTurn("[keypad] 42", source: .keypad, at: t(1800))),
            .startLLM(g1, [system, .user("[keypad] 42")]),
        ])
    }

    @Test func digitsEndAfterTheInterDigitTimeout() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .dtmf("1"))
        call.at(1500, .dtmf("*"))
        #expect(actions(call.at(4500, .timerFired(.keypadInterDigit))) == [.startLLM(g1, [system, .user("[keypad] 1*")])])
    }

    @Test func aLoneTerminatorIsNotATurn() {
        var call = CallScript()
        call.at(0, .callAnswered)
        #expect(call.at(1000, .dtmf("#")) == [.cancelTimer(.noInput), .startTimer(.noInput, after: .seconds(8))])
        #expect(call.machine.liveGeneration == nil)
    }

    @Test func aKeyPressInterruptsTheAgent() {
        var call = BargeInTests.firstSentencePartlyPlayed()
        let effects = call.at(3000, .dtmf("0"))
        #expect(actions(effects) == [
            .clearPlayout, .cancelLLM(g1), .cancelTTS, .startTimer(.keypadInterDigit, after: .seconds(3)),
        ])
        #expect(records(effects).contains(.bargeIn(at: t(3000))))
    }

    @Test func theNumberOfDigitsIsBounded() {
        var call = CallScript(TurnSettings.testing.with { $0.keypad.maximumDigits = 4 })
        call.at(0, .callAnswered)
        for index in 0..<50 { call.at(1000 + Int64(index) * 10, .dtmf("9")) }
        #expect(actions(call.at(2000, .dtmf("#"))).last == .startLLM(g1, [system, .user("[keypad] 9999")]))
    }

    @Test func digitsDuringAnUninterruptibleGreetingWaitForItToEnd() {
        var call = CallScript(TurnSettings.testing.with {
            $0.greeting = "Welcome."
            $0.bargeIn.greetingInterruptible = false
        })
        call.at(0, .callAnswered)
        call.at(100, .ttsAudio(u1, c1, duration: ms(600)))
        call.at(110, .ttsDone(u1))
        call.at(200, .dtmf("7"))
        #expect(call.at(300, .dtmf("#")) == [.cancelTimer(.keypadInterDigit)])
        #expect(actions(call.at(700, .playoutMark(m1))) == [
            .startLLM(g1, [system, .assistant("Welcome."), .user("[keypad] 7")]),
        ])
    }
}
