/// What the caller has said since their last committed turn, and what the VAD and STT say about whether
/// they are done. Owned by `TurnMachine`; pure bookkeeping plus the endpointing rule.
struct UserInput: Sendable {
    /// The VAD currently hears speech.
    var vadSpeaking = false
    var speechStartedAt: CallInstant?
    var speechEndedAt: CallInstant?
    /// The STT reported an utterance end since the last speech start.
    var sttDoneAt: CallInstant?
    /// Speech-to-text gave a result (partial, final or utterance end) since the last speech start.
    var resultSinceSpeechStarted = false
    /// The VAD heard speech since the last commit (so an endpoint without text is worth waiting for).
    var heardSpeech = false
    /// Finalized transcript segments since the last commit.
    var finals: [String] = []
    /// The latest interim transcript after the last final.
    var partial = ""
    var lastFinalAt: CallInstant?

    var hasText: Bool { !finals.isEmpty || !partial.isEmpty }

    /// The caller's words so far: the finals, then the unfinalized partial.
    var text: String {
        partial.isEmpty ? finals.joined(separator: " ") : (finals + [partial]).joined(separator: " ")
    }

    /// Every word heard so far is final.
    var isSettled: Bool { !finals.isEmpty && partial.isEmpty }

    /// The VAD or the STT says the caller stopped.
    var callerDone: Bool { !vadSpeaking || sttDoneAt != nil }

    /// When the caller stopped, by the first signal that said so.
    func speechEnd(now: CallInstant) -> CallInstant {
        if vadSpeaking { return sttDoneAt ?? lastFinalAt ?? now }
        return speechEndedAt ?? lastFinalAt ?? now
    }

    /// When to respond, by the rules in `EndpointingSettings`; nil while the caller is not done.
    func endpointDeadline(_ settings: EndpointingSettings, now: CallInstant) -> CallInstant? {
        guard hasText || heardSpeech else { return nil }
        if callerDone {
            let end = speechEnd(now: now)
            return end.advanced(by: isSettled ? settings.minimumDelay : settings.maximumDelay)
        }
        if isSettled, let lastFinalAt { return lastFinalAt.advanced(by: settings.maximumDelay) }
        return nil
    }

    /// Forgets the committed words; the VAD state carries on.
    mutating func clearText() {
        finals.removeAll()
        partial = ""
        lastFinalAt = nil
        sttDoneAt = nil
        heardSpeech = vadSpeaking
    }
}
