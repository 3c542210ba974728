/// What the agent says when things go wrong, so the caller never hears silence. The orchestrator
/// synthesizes these ahead of time so they play even with every TTS provider down.
public struct RecoveryPhrases: Sendable, Hashable {
    /// Said when every provider of a layer has failed for a turn.
    public var providerFailure: TextTemplate
    /// Said when the caller's words could not be used (empty or unintelligible transcript).
    public var notUnderstood: TextTemplate
    /// Said (one in turn) when a reply is slow; see `LatencyBudgets.fillerAfterMs`.
    public var fillers: [TextTemplate]
    /// Said before hanging up after the last no-input reprompt.
    public var noInputGoodbye: TextTemplate
    /// Said before hanging up when the call reaches `TurnTakingConfig.maxCallSeconds`.
    public var maxDurationGoodbye: TextTemplate
    /// Said when a transfer the agent asked for failed and the caller is still on the line.
    public var transferFailed: TextTemplate

    /// Creates phrases; every argument defaults to a plain English phrase.
    public init(providerFailure: TextTemplate = TextTemplate("Sorry, I'm having a technical problem. Please bear with me."),
                notUnderstood: TextTemplate = TextTemplate("Sorry, I didn't catch that. Could you say it again?"),
                fillers: [TextTemplate] = [TextTemplate("One moment.")],
                noInputGoodbye: TextTemplate = TextTemplate("I haven't heard anything, so I'll end the call now. Goodbye."),
                maxDurationGoodbye: TextTemplate = TextTemplate("We've reached the time limit for this call. Goodbye."),
                transferFailed: TextTemplate = TextTemplate(
                    "I couldn't put you through right now. Is there anything else I can help you with?")) {
        self.providerFailure = providerFailure
        self.notUnderstood = notUnderstood
        self.fillers = fillers
        self.noInputGoodbye = noInputGoodbye
        self.maxDurationGoodbye = maxDurationGoodbye
        self.transferFailed = transferFailed
    }
}
