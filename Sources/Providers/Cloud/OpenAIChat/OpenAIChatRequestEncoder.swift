import Wire
import Speech

/// Encodes a `CompletionRequest` as an OpenAI chat-completions streaming body (shared/protocols.md
/// §4.1): system/user/assistant/tool messages, assistant tool calls with their arguments, tools as
/// `function` declarations with their JSON Schema spliced in verbatim, and the token limit under the
/// configured field name. Pure.
public struct OpenAIChatRequestEncoder: Sendable {
    public let settings: OpenAIChatSettings

    public init(settings: OpenAIChatSettings) { self.settings = settings }

    /// The JSON body.
    public func body(for request: CompletionRequest) -> String {
        JSONObjectWriter.object { body in
            body.string("model", settings.model)
            body.bool("stream", true)
            if settings.requestsUsage { body.object("stream_options") { $0.bool("include_usage", true) } }
            body.array("messages", request.messages.map(Self.message))
            if settings.sendsTools, !request.tools.isEmpty {
                body.array("tools", request.tools.map(Self.tool))
                body.string("tool_choice", "auto")
            }
            if let limit = request.maximumTokens ?? settings.defaultMaxTokens {
                body.int(settings.tokenLimitField.rawValue, limit)
            }
            if let temperature = request.temperature ?? settings.defaultTemperature {
                body.double("temperature", temperature)
            }
        }
    }

    static func message(_ message: ChatMessage) -> String {
        JSONObjectWriter.object { out in
            out.string("role", message.role.rawValue)
            if message.role == .assistant, !message.toolCalls.isEmpty {
                if message.content.isEmpty { out.null("content") } else { out.string("content", message.content) }
                out.array("tool_calls", message.toolCalls.map(toolCall))
            } else {
                out.string("content", message.content)
            }
            if message.role == .tool, let id = message.toolCallID { out.string("tool_call_id", id) }
        }
    }

    static func toolCall(_ call: ToolCall) -> String {
        JSONObjectWriter.object { out in
            out.string("id", call.id)
            out.string("type", "function")
            out.object("function") { function in
                function.string("name", call.name)
                function.string("arguments", call.argumentsJSON.isEmpty ? "{}" : call.argumentsJSON)
            }
        }
    }

    static func tool(_ tool: ToolDeclaration) -> String {
        JSONObjectWriter.object { out in
            out.string("type", "function")
            out.object("function") { function in
                function.string("name", tool.name)
                function.string("description", tool.description)
                function.raw("parameters", JSONWriter.isObject(tool.parametersSchemaJSON)
                             ? tool.parametersSchemaJSON : #"{"type":"object","properties":{}}"#)
            }
        }
    }
}
