import Wire
import Speech

/// The tool calls through which the scripted model tells the call's session what an intent does after
/// its reply. They follow the reply's tokens, before `done`; the session performs them itself (they
/// are not webhooks) and may answer them with a tool result, after which the model says nothing more.
///
/// | tool | arguments | meaning |
/// | --- | --- | --- |
/// | `end_call` | `{}` | hang up once the reply has been played |
/// | `handoff` | `{"agent":"billing"}` | the named agent takes over after the reply |
/// | `transfer` | `{"target":"sip:desk@example.com"}` | transfer the call after the reply |
public enum ScriptedControlTool {
    public static let endCall = "end_call"
    public static let handoff = "handoff"
    public static let transfer = "transfer"

    /// The tool call for `action`; `turn` (the caller turn's index in the conversation) makes ids unique
    /// within a call and stable across retries.
    public static func call(for action: ScriptedAction, turn: Int) -> ToolCall {
        switch action {
        case .endCall:
            ToolCall(id: "scripted-\(turn)-\(endCall)", name: endCall, argumentsJSON: "{}")
        case .handoff(let agent):
            ToolCall(id: "scripted-\(turn)-\(handoff)", name: handoff,
                     argumentsJSON: #"{"agent":"# + JSONWriter.quoted(agent) + "}")
        case .transfer(let target):
            ToolCall(id: "scripted-\(turn)-\(transfer)", name: transfer,
                     argumentsJSON: #"{"target":"# + JSONWriter.quoted(target) + "}")
        }
    }

    /// The messages after the last assistant message that called `handoff`: the part of the conversation
    /// that belongs to the agent now on the call (all of it when nothing was handed over).
    static func sinceLastHandoff(_ messages: ArraySlice<ChatMessage>) -> ArraySlice<ChatMessage> {
        guard let index = messages.lastIndex(where: { message in
            message.role == .assistant && message.toolCalls.contains { $0.name == handoff }
        }) else { return messages }
        return messages[(index + 1)...]
    }
}
