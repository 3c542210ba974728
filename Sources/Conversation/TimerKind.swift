/// The timers a call can have. At most one of each kind is armed at a time: `startTimer` of an armed kind
/// replaces it. A `timerFired` for a kind that was cancelled or re-armed since is ignored by the machine,
/// so a fire racing a cancellation is harmless.
public enum TimerKind: Int, Sendable, Hashable, CaseIterable, Comparable {
    /// The caller seems done: respond when it fires (endpointing bounds).
    case endpoint
    /// The caller has been talking over the agent; when it fires the speech is long enough to interrupt.
    case bargeIn
    /// Nobody has spoken since the agent finished: reprompt, or say goodbye.
    case noInput
    /// No further keypad digit came: the digits so far are the caller's turn.
    case keypadInterDigit
    /// The call has lasted the configured maximum.
    case maximumCallDuration
    /// The language model has not produced its first token within budget: ask the router to hedge.
    case firstToken
    /// Text-to-speech has not produced the reply's first audio within budget: ask the router to hedge.
    case firstAudio
    /// The caller is still waiting for any audio of the reply: give up and play the recovery phrase.
    case replyDeadline
    /// The caller spoke and speech-to-text has said nothing about it: treat its stream as failed.
    case transcriptResult
    /// The goodbye phrase should have finished by now: hang up even if its mark never came back.
    case hangUpGrace

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
