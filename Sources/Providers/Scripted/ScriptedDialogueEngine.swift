import Agents
import Speech

/// The offline dialogue engine behind `ScriptedLanguageModel`: answers the caller's last message from an
/// agent's `ScriptedDialogue`. Pure and deterministic: the same conversation always gets the same turn.
///
/// **Where the state lives.** The engine keeps none between requests. Dialogue state and captured
/// variables are derived from the conversation itself (`replay`): starting from the initial state and
/// the call's variables, every earlier caller message is matched again, in order, exactly as it was
/// answered. So the engine needs nothing but the request, one value serves every call, and a history
/// cut by barge-in or revised by a late transcript still yields a consistent state. A conversation
/// that was handed over from another agent is replayed only from the last `handoff` tool call on.
public struct ScriptedDialogueEngine: Sendable {
    /// The dialogue followed.
    public let dialogue: ScriptedDialogue
    /// Variables a call starts with (the agent's defaults and the call's built-ins).
    public let variables: [String: String]
    /// How keypad digits appear in caller messages.
    public let keypad: KeypadInput

    public init(dialogue: ScriptedDialogue, variables: [String: String] = [:], keypad: KeypadInput = KeypadInput()) {
        self.dialogue = dialogue
        self.variables = variables
        self.keypad = keypad
    }

    /// Where the dialogue starts.
    public var initialState: ScriptedDialogueState {
        ScriptedDialogueState(state: dialogue.initialState, variables: variables)
    }

    /// The answer to one caller message said in `current`.
    public func respond(to message: String, in current: ScriptedDialogueState) -> ScriptedTurn {
        var after = current
        let intent: ScriptedIntent?
        if let digits = keypad.digits(in: message) {
            intent = dialogue.intent(forDigits: digits, inState: current.state)
        } else if let selection = dialogue.bestMatch(for: Utterance(message), inState: current.state) {
            intent = selection.intent
            after.variables.merge(selection.captures) { _, captured in captured }
        } else {
            intent = nil
        }
        guard let intent else {
            return ScriptedTurn(intentName: nil, reply: dialogue.fallbackReply.render(after.variables), after: after,
                                action: nil)
        }
        if let next = intent.nextState { after.state = next }
        return ScriptedTurn(intentName: intent.name, reply: intent.reply.render(after.variables), after: after,
                            action: Self.action(of: intent))
    }

    /// The state after every caller message of `messages` (the conversation from the last hand-off on).
    public func replay(_ messages: ArraySlice<ChatMessage>) -> ScriptedDialogueState {
        var state = initialState
        for message in ScriptedControlTool.sinceLastHandoff(messages) where message.role == .user {
            state = respond(to: message.content, in: state).after
        }
        return state
    }

    /// The turn answering the conversation's last message, which must be the caller's; nil when the
    /// conversation does not end with a caller message.
    public func turn(answering messages: [ChatMessage]) -> ScriptedTurn? {
        guard let last = messages.last, last.role == .user else { return nil }
        let state = replay(messages.dropLast())
        return respond(to: last.content, in: state)
    }

    private static func action(of intent: ScriptedIntent) -> ScriptedAction? {
        if let agent = intent.handoff { return .handoff(agent: agent) }
        if let target = intent.transfer { return .transfer(target: target) }
        return intent.endCall ? .endCall : nil
    }
}
