/// Why a call ended.
public enum CallEndReason: String, Sendable, Hashable {
    /// The caller stayed silent through every reprompt.
    case noInput
    /// The call reached its configured maximum length.
    case maximumDuration
    /// The caller (or the carrier) hung up.
    case callerHungUp
    /// The agent ended the call: its reply called the `end_call` control tool (the scripted model's
    /// `end_call: true`), and the call ended once that reply had been played.
    case agentEnded
    /// The agent handed the call on (the `transfer` control tool): its reply was played and the
    /// transport reported the transfer done (`TurnMachine.Event.transferCompleted`).
    case transferred
}

/// A fixed phrase the session synthesizes when the call starts and keeps as audio, so it plays even when
/// every TTS provider is down. Its text (for history and records) comes from `FixedPhrases`.
public enum CannedPhrase: Sendable, Hashable {
    /// Said when a provider failed and no answer can be given this turn.
    case recovery
    /// Said before the agent hangs up for `reason`.
    case goodbye(CallEndReason)
    /// Said when a transfer the agent asked for failed and the caller is still on the line.
    case transferFailed
    /// The agent's greeting as rendered for this call (`TurnSettings.greeting`, variables filled in):
    /// synthesized ahead (cached by text, voice, format and language) so it plays with every TTS down.
    case greeting
}

/// Where a caller's turn came from.
public enum InputSource: String, Sendable, Hashable {
    case speech
    case keypad
}
