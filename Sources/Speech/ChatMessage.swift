/// One message of the conversation as a language model sees it: the system prompt, what the caller said,
/// what the agent said (or asked a tool to do), and what a tool answered. Vendor-neutral; adapters encode
/// it into their wire format (OpenAI `messages`, Anthropic `content` blocks, …).
public struct ChatMessage: Sendable, Hashable {
    /// Who a message is from.
    public enum Role: String, Sendable, Hashable {
        case system, user, assistant, tool
    }

    public var role: Role
    /// The text. For an assistant message that only calls tools it may be empty.
    public var content: String
    /// Tools the assistant asked to run in this message (assistant messages only).
    public var toolCalls: [ToolCall]
    /// The call this message answers (tool messages only).
    public var toolCallID: String?

    public init(role: Role, content: String, toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    public static func system(_ text: String) -> ChatMessage { ChatMessage(role: .system, content: text) }
    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, content: text) }
    public static func assistant(_ text: String, toolCalls: [ToolCall] = []) -> ChatMessage {
        ChatMessage(role: .assistant, content: text, toolCalls: toolCalls)
    }
    public static func tool(callID: String, content: String) -> ChatMessage {
        ChatMessage(role: .tool, content: content, toolCallID: callID)
    }
}

/// A tool invocation requested by a language model, complete (arguments fully streamed).
public struct ToolCall: Sendable, Hashable {
    /// The provider's id for this call; the tool's result message quotes it.
    public var id: String
    /// The declared tool's name.
    public var name: String
    /// The arguments as the JSON object text the model produced (not yet validated).
    public var argumentsJSON: String

    public init(id: String, name: String, argumentsJSON: String) {
        self.id = id
        self.name = name
        self.argumentsJSON = argumentsJSON
    }
}

/// A tool the model may call: its name, what it does, and a JSON Schema of its parameters.
public struct ToolDeclaration: Sendable, Hashable {
    public var name: String
    public var description: String
    /// JSON Schema (an object schema) as JSON text, passed to providers verbatim.
    public var parametersSchemaJSON: String

    public init(name: String, description: String, parametersSchemaJSON: String = #"{"type":"object","properties":{}}"#) {
        self.name = name
        self.description = description
        self.parametersSchemaJSON = parametersSchemaJSON
    }
}
