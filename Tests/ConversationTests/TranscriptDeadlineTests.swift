import Testing
import Speech
@testable import Conversation

/// Speech heard with no transcript within `transcriptResult` is an STT failure (robustness.md).
@Suite struct TranscriptDeadlineTests {
    let settings = TurnSettings.testing.with { $0.budgets.transcriptResult = .seconds(2) }

    /// Answered, the caller spoke 1000–2000 ms with no result from speech-to-text.
    func spokeWithoutResult() -> CallScript {
        var call = CallScript(settings)
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        return call
    }

    @Test func speechEndWithNoResultArmsTheDeadline() {
        var call = spokeWithoutResult()
        let effects = call.at(2000, .vadSpeechEnded)
        #expect(effects.contains(.startTimer(.transcriptResult, after: .seconds(2))))
        #expect(call.machine.armedTimers.contains(.transcriptResult))
    }

    @Test func theDeadlinePassingFailsTheTranscriptionAndIsRecorded() {
        var call = spokeWithoutResult()
        call.at(2000, .vadSpeechEnded)
        call.at(3000, .timerFired(.endpoint))  // wordless speech is forgotten meanwhile
        #expect(call.at(4000, .timerFired(.transcriptResult)) == [
            .record(.budgetExceeded(.transcriptResult, at: t(4000))), .failTranscription,
        ])
        #expect(!call.machine.armedTimers.contains(.transcriptResult))
    }

    @Test func theTurnIsKeptWhenTheReplayedAudioIsTranscribedLate() {
        var call = spokeWithoutResult()
        call.at(2000, .vadSpeechEnded)
        call.at(3000, .timerFired(.endpoint))
        call.at(4000, .timerFired(.transcriptResult))
        // The new stream transcribes the replayed audio: the words are answered at once.
        let effects = call.at(4600, .sttFinal("Is the bakery open?"))
        #expect(actions(effects).contains(.startLLM(g1, [system, .user("Is the bakery open?")])))
        #expect(records(effects).contains(.userTurn("Is the bakery open?", source: .speech, at: t(4600))))
    }

    @Test(arguments: [Event.sttPartial("Is the"), .sttFinal("Is the bakery open?"), .sttUtteranceEnd])
    func anyResultDisarmsTheDeadline(result: Event) {
        var call = spokeWithoutResult()
        call.at(2000, .vadSpeechEnded)
        #expect(call.at(2500, result).contains(.cancelTimer(.transcriptResult)))
        #expect(!call.machine.armedTimers.contains(.transcriptResult))
        // A fire that raced the cancellation does nothing.
        #expect(call.at(4000, .timerFired(.transcriptResult)).allSatisfy { $0 != .failTranscription })
    }

    @Test func aResultDuringTheSpeechMeansNoDeadline() {
        var call = spokeWithoutResult()
        call.at(1500, .sttPartial("Is the"))
        #expect(!call.at(2000, .vadSpeechEnded).contains(.startTimer(.transcriptResult, after: .seconds(2))))
        #expect(!call.machine.armedTimers.contains(.transcriptResult))
    }

    @Test func aResultForEarlierSpeechDoesNotCoverTheNextSpeech() {
        var call = spokeWithoutResult()
        call.at(1500, .sttPartial("Is the"))
        call.at(2000, .vadSpeechEnded)
        call.at(2200, .vadSpeechStarted)
        #expect(call.at(3000, .vadSpeechEnded).contains(.startTimer(.transcriptResult, after: .seconds(2))))
    }

    @Test func aBlipShorterThanTheMinimumSpeechArmsNothing() {
        var call = CallScript(settings)
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        #expect(!call.at(1200, .vadSpeechEnded).contains(.startTimer(.transcriptResult, after: .seconds(2))))
        #expect(!call.machine.armedTimers.contains(.transcriptResult))
    }

    @Test func aLaterSpeechEndKeepsTheEarlierDeadline() {
        var call = spokeWithoutResult()
        call.at(2000, .vadSpeechEnded)
        call.at(2300, .vadSpeechStarted)
        let effects = call.at(3300, .vadSpeechEnded)
        #expect(!effects.contains { if case .startTimer(.transcriptResult, _) = $0 { true } else { false } })
        #expect(call.at(4000, .timerFired(.transcriptResult)).contains(.failTranscription))
    }

    @Test func noDeadlineWhenTheBudgetIsOff() {
        var call = CallScript(.testing)
        call.at(0, .callAnswered)
        call.at(1000, .vadSpeechStarted)
        call.at(2000, .vadSpeechEnded)
        #expect(!call.machine.armedTimers.contains(.transcriptResult))
    }

    @Test func callerSpeechOverTheAgentIsWatchedToo() {
        var call = CallScript.askedQuestion(settings: settings)
        call.at(2200, .llmToken(g1, "Yes, we are. "))
        call.at(2300, .ttsAudio(u1, c1, duration: ms(2000)))
        call.at(2500, .vadSpeechStarted)
        #expect(call.at(3000, .vadSpeechEnded).contains(.startTimer(.transcriptResult, after: .seconds(2))))
        #expect(call.at(5000, .timerFired(.transcriptResult)).contains(.failTranscription))
    }

    @Test func hangingUpDisarmsTheDeadline() {
        var call = spokeWithoutResult()
        call.at(2000, .vadSpeechEnded)
        #expect(call.at(2500, .callerHungUp).contains(.cancelTimer(.transcriptResult)))
        #expect(call.at(4000, .timerFired(.transcriptResult)) == [])
    }
}
