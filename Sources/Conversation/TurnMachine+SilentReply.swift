/// Silence while a reply is owed (robustness.md): once a reply has started playing, `replyDeadline` no
/// longer watches the commit → first audio wait, so a reply whose audio has all been played while more is
/// owed (the model not done, a sentence not synthesized, a tool not answered) could leave the caller in
/// silence until they speak. While that is so, `replyDeadline` is armed again and restarted by every sign
/// of progress (a token, a tool call or result, audio); when it fires the reply is given up for the
/// recovery phrase (what was heard stays in the history), as before the first audio.
extension TurnMachine {
    /// Runs after every event: arms, restarts or disarms the deadline of an audible reply gone quiet.
    mutating func watchForSilentReply(after event: Event, at now: CallInstant, into effects: inout [Effect]) {
        guard phase == .conversing, let budget = settings.budgets.replyDeadline, let reply,
              reply.kind == .answer, reply.isAudible, !reply.recovering else { return }
        guard !reply.hasUnplayedAudio, !reply.isComplete else {
            timers.disarm(.replyDeadline, into: &effects)
            return
        }
        if !timers.isArmed(.replyDeadline) || Self.isProgress(event) {
            timers.arm(.replyDeadline, at: now.advanced(by: budget), now: now, into: &effects)
        }
    }

    /// A provider or tool moved the reply on.
    private static func isProgress(_ event: Event) -> Bool {
        switch event {
        case .llmToken, .llmToolCall, .llmDone, .toolResult, .ttsAudio, .ttsDone: true
        default: false
        }
    }
}
