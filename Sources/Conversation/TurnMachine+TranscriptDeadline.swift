/// Speech heard with no transcript (robustness.md, "Provider sessions"): an STT socket that stays open but
/// answers nothing must not leave the caller in silence. When the VAD hears the caller speak long enough
/// and speech-to-text says nothing about it (no partial, final or utterance end) within
/// `LatencyBudgets.transcriptResult` of the speech end, the machine asks the session to treat the stream as
/// failed (`failTranscription`): the session fails over or reconnects and replays the caller's recent
/// audio into the new stream, whose transcript is then answered like any other. The caller is told only
/// when the whole speech-to-text layer is down (`sttUnavailable`, from the session).
extension TurnMachine {
    /// At a VAD speech end: arms the deadline if this speech got no result yet and was long enough. An
    /// armed deadline is kept as it is (a later speech end does not push it back).
    mutating func armTranscriptDeadline(at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing, let budget = settings.budgets.transcriptResult,
              !input.resultSinceSpeechStarted, !timers.isArmed(.transcriptResult),
              let started = input.speechStartedAt, now - started >= settings.budgets.transcriptMinimumSpeech
        else { return }
        timers.arm(.transcriptResult, at: now.advanced(by: budget), now: now, into: &effects)
    }

    /// Any result shows speech-to-text is answering: the deadline is off.
    mutating func transcriptResultArrived(into effects: inout [Effect]) {
        input.resultSinceSpeechStarted = true
        timers.disarm(.transcriptResult, into: &effects)
    }

    mutating func transcriptDeadlinePassed(at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing else { return }
        effects.append(.record(.budgetExceeded(.transcriptResult, at: now)))
        effects.append(.failTranscription)
    }
}
