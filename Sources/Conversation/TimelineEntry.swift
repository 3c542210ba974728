import Speech

/// One fact about the call, emitted by the machine as `Effect.record` for the call record, the metrics and
/// the logs. Every entry carries the instant it happened.
public enum TimelineEntry: Sendable, Hashable {
    /// The call was answered.
    case callAnswered(at: CallInstant)
    /// The caller's turn was committed (speech or keypad) and a reply requested.
    case userTurn(String, source: InputSource, at: CallInstant)
    /// What the caller heard of an agent reply; `interrupted` when it was cut short.
    case agentTurn(String, interrupted: Bool, at: CallInstant)
    /// The timings of an agent turn, at its end.
    case turnLatency(TurnTimeline)
    /// The caller interrupted the agent (speech long enough, enough words, or a key).
    case bargeIn(at: CallInstant)
    /// Caller speech over the agent too short to interrupt (a cough, "mm-hm").
    case ignoredSpeech(duration: Duration, at: CallInstant)
    /// A generation was abandoned because newer caller input arrived before any of it was heard.
    case generationRestarted(GenerationID, at: CallInstant)
    /// A provider stream failed and the machine recovered (recovery phrase, turn kept).
    case providerFailed(ProviderKind, ProviderError, at: CallInstant)
    /// A latency budget was exceeded.
    case budgetExceeded(TimerKind, at: CallInstant)
    /// The call ended.
    case callEnded(CallEndReason, at: CallInstant)
}

/// Which provider layer an entry is about.
public enum ProviderKind: String, Sendable, Hashable {
    case speechToText, languageModel, textToSpeech
}
