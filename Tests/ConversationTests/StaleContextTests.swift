import Testing
import Speech
@testable import Conversation

@Suite struct StaleContextTests {
    @Test func finalWhileGeneratingRestartsWithTheNewWordsAppended() {
        var call = CallScript.askedQuestion("I'd like to book a table")
        call.at(2200, .llmToken(g1, "Sure"))
        let effects = call.at(2500, .sttFinal("for four people."))
        #expect(actions(effects) == [
            .cancelLLM(g1),
            .startLLM(g2, [system, .user("I'd like to book a table for four people.")]),
        ])
        #expect(records(effects).contains(.generationRestarted(g1, at: t(2500))))
        #expect(call.history == [.user("I'd like to book a table for four people.")])
    }

    @Test func correctionAfterSentencesWereSentToSpeechButBeforeAnyWasHeard() {
        var call = CallScript.askedQuestion("Book it for Tuesday.")
        call.at(2200, .llmToken(g1, "Done, Tuesday it is. "))
        let effects = call.at(2400, .sttFinal("No, Wednesday."))
        #expect(actions(effects) == [
            .cancelLLM(g1), .cancelTTS,
            .startLLM(g2, [system, .user("Book it for Tuesday. No, Wednesday.")]),
        ])
    }

    @Test func correctionWhileTheCallerIsStillTalkingWaitsForTheEndpoint() {
        var call = CallScript.askedQuestion("Book it for Tuesday.")
        call.at(2200, .vadSpeechStarted)
        let effects = call.at(2400, .sttFinal("Actually,"))
        // Generation stops at once; the new turn starts when the caller is done.
        #expect(actions(effects) == [.cancelLLM(g1), .cancelTimer(.bargeIn), .startTimer(.endpoint, after: ms(1000))])
        #expect(actions(call.at(2900, .vadSpeechEnded)) == [
            .cancelTimer(.endpoint), .startLLM(g2, [system, .user("Book it for Tuesday. Actually,")]),
        ])
    }

    @Test func finalOfAFewWordsWhileTheReplyIsHeardWaitsForTheReplyToEnd() {
        var call = CallScript.askedQuestion("Is it ready?")
        call.at(2200, .llmToken(g1, "Yes, it is ready."))
        call.at(2210, .llmDone(g1, nil))
        call.at(2300, .ttsAudio(u1, c1, duration: ms(1000)))
        call.at(2310, .ttsDone(u1))
        #expect(call.at(3000, .sttFinal("Great.")) == [])
        #expect(actions(call.at(3300, .playoutMark(m1))) == [
            .startLLM(g2, [system, .user("Is it ready?"), .assistant("Yes, it is ready."), .user("Great.")]),
        ])
    }

    @Test func theAgentNeverAnswersAQuestionTheCallerAlreadyCorrected() {
        // Every final before the first audio replaces the generation; only the last one is answered.
        var call = CallScript.askedQuestion("A coffee")
        call.at(2200, .sttFinal("no, a tea"))
        call.at(2300, .sttFinal("with milk"))
        #expect(call.machine.liveGeneration == g3)
        let started = call.at(2400, .llmToken(g3, "One tea with milk. "))
        #expect(started == [.synthesize(u1, "One tea with milk.")])
        #expect(call.history == [.user("A coffee no, a tea with milk")])
    }
}
