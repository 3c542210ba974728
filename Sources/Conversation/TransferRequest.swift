/// The agent asked to hand the caller to someone else (a human's extension, a queue, a number) once its
/// reply has been played: what the model's `transfer` control tool said, and the caller's latest words,
/// the context a transfer passes on when the model wrote no summary of its own.
public struct TransferRequest: Sendable, Hashable {
    /// The tool call's arguments as the model wrote them (`{"target":"sip:desk@pbx","summary":"…"}`);
    /// interpreted by the session, which knows the call's variables.
    public var argumentsJSON: String
    /// The last thing the caller said, if anything.
    public var lastCallerText: String?
    /// The model's id for the tool call: a failed transfer is answered as this call's result.
    public var toolCallID: String

    public init(argumentsJSON: String, lastCallerText: String?, toolCallID: String = "") {
        self.argumentsJSON = argumentsJSON
        self.lastCallerText = lastCallerText
        self.toolCallID = toolCallID
    }
}

extension ConversationHistory {
    /// The caller's most recent turn, if there is one.
    public var lastCallerText: String? {
        for entry in entries.reversed() {
            if case .user(let text) = entry { return text }
        }
        return nil
    }
}
