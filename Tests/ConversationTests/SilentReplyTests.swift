import Testing
import Speech
@testable import Conversation

/// Silence while a reply is owed: an audible reply whose audio has all been played while more is owed
/// gets `replyDeadline` again, restarted by progress, and gives up for the recovery phrase when it fires.
@Suite struct SilentReplyTests {
    let budgets = TurnSettings.testing.with {
        $0.budgets = LatencyBudgets(firstToken: nil, firstAudio: nil, replyDeadline: .seconds(4), transcriptResult: nil)
    }

    /// The first sentence "Yes." (400 ms of audio) is queued at 2500 ms and synthesized; the model is not done.
    func firstSentenceQueued() -> CallScript {
        var call = CallScript.askedQuestion(settings: budgets)
        call.at(2200, .llmToken(g1, "Yes. "))
        call.at(2500, .ttsAudio(u1, c1, duration: ms(400)))
        call.at(2550, .ttsDone(u1))
        return call
    }

    @Test func playedOutWithMoreOwedArmsTheReplyDeadline() {
        var call = firstSentenceQueued()
        #expect(!call.machine.armedTimers.contains(.replyDeadline))
        #expect(call.at(3000, .playoutMark(m1)).contains(.startTimer(.replyDeadline, after: .seconds(4))))
    }

    @Test func nothingMoreByTheDeadlineGivesUpForTheRecoveryPhrase() {
        var call = firstSentenceQueued()
        call.at(3000, .playoutMark(m1))
        let effects = call.at(7000, .timerFired(.replyDeadline))
        #expect(effects == [
            .record(.budgetExceeded(.replyDeadline, at: t(7000))),
            .cancelLLM(g1), .playPhrase(.recovery), .sendMark(m2),
        ])
        call.at(7800, .playoutMark(m2))
        #expect(call.machine.liveGeneration == nil)
        #expect(call.history.first == .user("Is the bakery open on Saturday?"))
        #expect(call.history.count == 2)  // the caller's turn, then what the agent said
        #expect(!call.machine.armedTimers.contains(.replyDeadline))
    }

    @Test func progressRestartsTheDeadline() {
        var call = firstSentenceQueued()
        call.at(3000, .playoutMark(m1))
        #expect(call.at(4000, .llmToken(g1, "We open")).contains(.startTimer(.replyDeadline, after: .seconds(4))))
        #expect(call.at(7000, .timerFired(.replyDeadline)) == [])  // no longer due
        #expect(call.machine.liveGeneration == g1)
    }

    @Test func newAudioQueuedStopsTheDeadline() {
        var call = firstSentenceQueued()
        call.at(3000, .playoutMark(m1))
        call.at(3200, .llmToken(g1, "We open at nine. "))
        #expect(call.at(3500, .ttsAudio(u2, c2, duration: ms(600))).contains(.cancelTimer(.replyDeadline)))
        #expect(!call.machine.armedTimers.contains(.replyDeadline))
    }

    @Test func aReplyThatEndsLeavesNoDeadline() {
        var call = firstSentenceQueued()
        call.at(2600, .llmDone(g1, nil))
        call.at(3000, .playoutMark(m1))
        #expect(!call.machine.armedTimers.contains(.replyDeadline))
        #expect(call.machine.liveGeneration == nil)
    }
}
