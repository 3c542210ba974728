import Testing
import Speech
@testable import Conversation

@Suite struct NoInputTests {
    let settings = TurnSettings.testing.with {
        $0.noInput = NoInputSettings(timeout: .seconds(5), reprompts: ["Are you still there?", "Hello?"])
    }

    /// Plays utterance `id` (one chunk) to the end and returns the effects of its mark.
    @discardableResult
    static func play(_ id: UtteranceID, mark: MarkID, from start: Int64, on call: inout CallScript) -> [Effect] {
        call.at(start, .ttsAudio(id, c1, duration: ms(800)))
        call.at(start + 10, .ttsDone(id))
        return call.at(start + 800, .playoutMark(mark))
    }

    @Test func silenceRepromptsInTurnThenSaysGoodbyeAndHangsUp() {
        var call = CallScript(settings)
        #expect(actions(call.at(0, .callAnswered)) == [.startTimer(.noInput, after: .seconds(5))])
        #expect(call.at(5000, .timerFired(.noInput)) == [.synthesize(u1, "Are you still there?")])
        #expect(actions(Self.play(u1, mark: m1, from: 5200, on: &call)) == [.startTimer(.noInput, after: .seconds(5))])
        #expect(call.at(11000, .timerFired(.noInput)) == [.synthesize(u2, "Hello?")])
        #expect(actions(Self.play(u2, mark: m2, from: 11200, on: &call)) == [.startTimer(.noInput, after: .seconds(5))])
        #expect(call.at(17000, .timerFired(.noInput)) == [
            .playPhrase(.goodbye(.noInput)), .sendMark(m3), .startTimer(.hangUpGrace, after: .seconds(10)),
        ])
        let end = call.at(20000, .playoutMark(m3))
        #expect(actions(end) == [.cancelTimer(.hangUpGrace), .hangUp(.noInput)])
        #expect(records(end).last == .callEnded(.noInput, at: t(20000)))
        #expect(call.history.map { if case .agent(let text, _, _) = $0 { text } else { "" } } == [
            "Are you still there?", "Hello?", FixedPhrases().noInputGoodbye,
        ])
        #expect(call.machine.hasEnded)
        #expect(call.at(20100, .callerHungUp) == [])
    }

    @Test func aCallerTurnResetsTheReprompts() {
        var call = CallScript(settings)
        call.at(0, .callAnswered)
        call.at(5000, .timerFired(.noInput))
        Self.play(u1, mark: m1, from: 5200, on: &call)
        call.at(7000, .vadSpeechStarted)
        call.at(7500, .vadSpeechEnded)
        call.at(7600, .sttFinal("Yes, sorry."))
        call.at(7800, .llmToken(g1, "No problem."))
        call.at(7810, .llmDone(g1, nil))
        Self.play(u2, mark: m2, from: 7900, on: &call)
        // Two reprompts are available again.
        #expect(call.at(13700, .timerFired(.noInput)) == [.synthesize(u3, "Are you still there?")])
    }

    @Test func speechCancelsTheNoInputTimer() {
        var call = CallScript(settings)
        call.at(0, .callAnswered)
        #expect(call.at(2000, .vadSpeechStarted) == [.cancelTimer(.noInput)])
        #expect(call.at(5000, .timerFired(.noInput)) == [])
    }

    @Test func theCallerCannotInterruptTheGoodbye() {
        var call = CallScript(settings.with { $0.noInput.reprompts = [] })
        call.at(0, .callAnswered)
        call.at(5000, .timerFired(.noInput))
        #expect(call.at(5100, .vadSpeechStarted) == [])
        #expect(call.at(5200, .sttFinal("wait wait I'm here")) == [])
        #expect(call.at(5900, .timerFired(.bargeIn)) == [])
        #expect(actions(call.at(6000, .playoutMark(m1))).contains(.hangUp(.noInput)))
    }

    @Test func goodbyeHangsUpAfterTheGraceWhenItsMarkNeverComes() {
        var call = CallScript(settings.with { $0.noInput.reprompts = [] })
        call.at(0, .callAnswered)
        call.at(5000, .timerFired(.noInput))
        let end = call.at(15000, .timerFired(.hangUpGrace))
        #expect(actions(end) == [.hangUp(.noInput)])
        // The goodbye was never confirmed played, so the history does not claim it was heard.
        #expect(call.history.isEmpty)
    }
}
