/// The text of the fixed phrases (kept as pre-synthesized audio by the session, see `CannedPhrase`).
public struct FixedPhrases: Sendable, Hashable {
    public var recovery: String
    public var noInputGoodbye: String
    public var maximumDurationGoodbye: String
    /// Said when a transfer failed and the caller is still on the line.
    public var transferFailed: String

    public init(recovery: String = "Sorry, I ran into a problem on my side. Could you say that again?",
                noInputGoodbye: String = "I haven't heard anything, so I'll end the call now. Goodbye.",
                maximumDurationGoodbye: String = "We've reached the time limit for this call. Goodbye.",
                transferFailed: String = Self.defaultTransferFailed) {
        self.recovery = recovery
        self.noInputGoodbye = noInputGoodbye
        self.maximumDurationGoodbye = maximumDurationGoodbye
        self.transferFailed = transferFailed
    }

    /// The transfer-failed phrase when the agent configures none.
    public static let defaultTransferFailed = "I couldn't put you through right now. Is there anything else I can help you with?"

    /// The text of `phrase`. The greeting is not a fixed phrase: its text is the call's rendered
    /// `TurnSettings.greeting`, so it is empty here.
    public func text(of phrase: CannedPhrase) -> String {
        switch phrase {
        case .recovery: recovery
        case .transferFailed: transferFailed
        case .goodbye(.noInput): noInputGoodbye
        case .goodbye(.maximumDuration), .goodbye(.callerHungUp), .goodbye(.agentEnded),
             .goodbye(.transferred): maximumDurationGoodbye
        case .greeting: ""
        }
    }
}
