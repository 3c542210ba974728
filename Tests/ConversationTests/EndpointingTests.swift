import Testing
import Speech
@testable import Conversation

@Suite struct EndpointingTests {
    @Test func speechEndThenFinalRespondsAtOnce() {
        var call = CallScript()
        call.at(0, .callAnswered)
        #expect(call.at(1000, .vadSpeechStarted) == [.cancelTimer(.noInput)])
        #expect(call.at(1500, .sttPartial("is the bakery")) == [])
        #expect(call.at(2000, .vadSpeechEnded) == [.startTimer(.endpoint, after: ms(1000))])
        #expect(call.at(2150, .sttFinal("Is the bakery open?")) == [
            .cancelTimer(.endpoint),
            .record(.userTurn("Is the bakery open?", source: .speech, at: t(2150))),
            .startLLM(g1, [system, .user("Is the bakery open?")]),
        ])
    }

    @Test func finalBeforeSpeechEndRespondsWhenTheVADAgrees() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        // A final while the VAD still hears sound: wait, at most the maximum delay.
        #expect(call.at(1800, .sttFinal("Yes please.")) == [.startTimer(.endpoint, after: ms(1000))])
        #expect(actions(call.at(1900, .vadSpeechEnded)) == [
            .cancelTimer(.endpoint), .startLLM(g1, [system, .user("Yes please.")]),
        ])
    }

    @Test func speechEndWithoutFinalWaitsTheMaximumDelayThenUsesThePartial() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(1600, .sttPartial("book a table"))
        #expect(call.at(2000, .vadSpeechEnded) == [.startTimer(.endpoint, after: ms(1000))])
        #expect(call.at(3000, .timerFired(.endpoint)) == [
            .record(.userTurn("book a table", source: .speech, at: t(3000))),
            .startLLM(g1, [system, .user("book a table")]),
        ])
    }

    @Test func finalWithoutSpeechEndOnANoisyLineRespondsAfterTheMaximumDelay() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(1500, .sttFinal("I need a cake"))
        call.at(2000, .sttFinal("for Friday."))
        // The VAD never says the caller stopped (traffic noise): the last final starts the clock.
        #expect(call.machine.armedTimers == [.endpoint])
        #expect(call.at(2999, .timerFired(.endpoint)) == [])  // early fire of a re-armed timer: refused
        #expect(actions(call.at(3000, .timerFired(.endpoint))) == [
            .startLLM(g1, [system, .user("I need a cake for Friday.")]),
        ])
    }

    @Test func minimumDelayHoldsTheReplyEvenWhenTheFinalIsImmediate() {
        var call = CallScript(TurnSettings.testing.with { $0.endpointing.minimumDelay = ms(300) })
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        #expect(call.at(2000, .vadSpeechEnded) == [.startTimer(.endpoint, after: ms(1000))])
        #expect(call.at(2100, .sttFinal("Hi.")) == [.startTimer(.endpoint, after: ms(200))])
        #expect(actions(call.at(2300, .timerFired(.endpoint))) == [.startLLM(g1, [system, .user("Hi.")])])
    }

    @Test func pauseBeforeTheFinalThenMoreSpeechKeepsOneTurn() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(1400, .sttPartial("I want to"))
        #expect(call.at(1500, .vadSpeechEnded) == [.startTimer(.endpoint, after: ms(1000))])
        #expect(call.at(1900, .vadSpeechStarted) == [.cancelTimer(.endpoint)])
        call.at(2400, .sttFinal("I want to order a cake."))
        #expect(actions(call.at(2600, .vadSpeechEnded)) == [
            .cancelTimer(.endpoint), .startLLM(g1, [system, .user("I want to order a cake.")]),
        ])
    }

    @Test func noiseWithoutWordsIsForgotten() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(1200, .vadSpeechEnded)
        #expect(call.at(2200, .timerFired(.endpoint)) == [.startTimer(.noInput, after: .seconds(8))])
        #expect(call.machine.liveGeneration == nil)
    }

    @Test func sttUtteranceEndCountsAsTheCallerBeingDone() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(1800, .sttFinal("Two croissants."))
        // The VAD is stuck on background noise, but the STT says the utterance ended.
        #expect(actions(call.at(2000, .sttUtteranceEnd)) == [
            .cancelTimer(.endpoint), .startLLM(g1, [system, .user("Two croissants.")]),
        ])
    }

    @Test func lateFinalMatchingTheCommittedPartialChangesNothing() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(1600, .sttPartial("book a table"))
        call.at(2000, .vadSpeechEnded)
        call.at(3000, .timerFired(.endpoint))
        #expect(call.at(3100, .sttFinal("Book a table.")) == [])
        #expect(call.machine.liveGeneration == g1)
        #expect(call.history == [.user("book a table")])
    }

    @Test func lateFinalRevisingTheCommittedPartialRestartsTheGeneration() {
        var call = CallScript()
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(1600, .sttPartial("book a table"))
        call.at(2000, .vadSpeechEnded)
        call.at(3000, .timerFired(.endpoint))
        let effects = call.at(3100, .sttFinal("book a table for two"))
        #expect(actions(effects) == [.cancelLLM(g1), .startLLM(g2, [system, .user("book a table for two")])])
        #expect(records(effects).contains(.generationRestarted(g1, at: t(3100))))
        #expect(call.history == [.user("book a table for two")])
    }
}
