import Testing
import Speech
@testable import Conversation

@Suite struct BudgetTests {
    let budgets = TurnSettings.testing.with {
        $0.budgets = LatencyBudgets(firstToken: ms(1500), firstAudio: ms(800), replyDeadline: .seconds(4))
    }

    @Test func aLateFirstTokenAsksTheRouterToHedge() {
        var call = CallScript.askedQuestion(settings: budgets)
        #expect(call.machine.armedTimers == [.firstToken, .replyDeadline])
        #expect(call.at(3600, .timerFired(.firstToken)) == [
            .record(.budgetExceeded(.firstToken, at: t(3600))), .hedgeLLM(g1),
        ])
        // The answer still arrives (from whichever provider won) and is spoken.
        #expect(actions(call.at(3700, .llmToken(g1, "Yes. "))) == [
            .synthesize(u1, "Yes."), .startTimer(.firstAudio, after: ms(800)),
        ])
    }

    @Test func aFirstTokenWithinBudgetCancelsTheBudgetTimer() {
        var call = CallScript.askedQuestion(settings: budgets)
        #expect(call.at(2500, .llmToken(g1, "Sure")) == [.cancelTimer(.firstToken)])
        #expect(call.at(2600, .timerFired(.firstToken)) == [])
    }

    @Test func lateFirstAudioAsksTheRouterToHedgeThatSentence() {
        var call = CallScript.askedQuestion(settings: budgets)
        call.at(2200, .llmToken(g1, "Yes. We are open. "))
        #expect(call.at(3000, .timerFired(.firstAudio)) == [
            .record(.budgetExceeded(.firstAudio, at: t(3000))), .hedgeTTS(u1),
        ])
    }

    @Test func noAudioByTheReplyDeadlineAbandonsTheReplyForTheRecoveryPhrase() {
        var call = CallScript.askedQuestion(settings: budgets)
        call.at(2200, .llmToken(g1, "Let me see"))
        let effects = call.at(6100, .timerFired(.replyDeadline))
        #expect(effects == [
            .record(.budgetExceeded(.replyDeadline, at: t(6100))),
            .cancelLLM(g1), .playPhrase(.recovery), .sendMark(m1),
        ])
        #expect(call.history == [.user("Is the bakery open on Saturday?")])
    }

    @Test func theFirstQueuedAudioStopsTheReplyDeadline() {
        var call = CallScript.askedQuestion(settings: budgets)
        call.at(2200, .llmToken(g1, "Yes. "))
        #expect(actions(call.at(2500, .ttsAudio(u1, c1, duration: ms(400)))) == [
            .cancelTimer(.firstAudio), .enqueuePlayout(u1, c1), .sendMark(m1), .cancelTimer(.replyDeadline),
        ])
    }
}
