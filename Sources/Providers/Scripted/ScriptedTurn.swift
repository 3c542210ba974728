import Agents

/// Where a scripted dialogue stands: its state and the call's variables (declared defaults, then
/// every value captured so far). Derived from the conversation by `ScriptedDialogueEngine.replay`.
public struct ScriptedDialogueState: Sendable, Hashable {
    /// The dialogue state that selects which intents are heard.
    public var state: String
    /// Variables for rendering replies.
    public var variables: [String: String]

    public init(state: String, variables: [String: String]) {
        self.state = state
        self.variables = variables
    }
}

/// What a scripted intent does after its reply, besides moving the dialogue state.
public enum ScriptedAction: Sendable, Hashable {
    /// Another agent takes over the call.
    case handoff(agent: String)
    /// The call is transferred to a `sip:`/`tel:` URI or E.164 number.
    case transfer(target: String)
    /// The agent hangs up.
    case endCall
}

/// The engine's answer to one caller turn: which intent matched (nil for the fallback reply), the
/// reply text with variables filled in, the state after it, and what happens next.
public struct ScriptedTurn: Sendable, Hashable {
    /// The matched intent's name; nil when nothing matched and the fallback reply is said.
    public var intentName: String?
    /// The reply, rendered.
    public var reply: String
    /// State and variables after this turn.
    public var after: ScriptedDialogueState
    /// Hand-off, transfer or end of call, if the intent asks for one.
    public var action: ScriptedAction?

    public init(intentName: String?, reply: String, after: ScriptedDialogueState, action: ScriptedAction?) {
        self.intentName = intentName
        self.reply = reply
        self.after = after
        self.action = action
    }
}
