import Wire
import Speech

/// Encodes a `CompletionRequest` as an Anthropic Messages streaming body: system messages joined into
/// the top-level `system`, the rest as alternating `user`/`assistant` turns of content blocks, an
/// assistant's tool calls as `tool_use` blocks (arguments as the `input` object) and tool results as
/// `tool_result` blocks in the next user turn (consecutive results share one turn, as parallel tool
/// use requires). Tools become `{name, description, input_schema}`. Pure.
public struct AnthropicRequestEncoder: Sendable {
    public let settings: AnthropicSettings

    public init(settings: AnthropicSettings) { self.settings = settings }

    /// The JSON body.
    public func body(for request: CompletionRequest) -> String {
        let system = request.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n\n")
        return JSONObjectWriter.object { body in
            body.string("model", settings.model)
            body.int("max_tokens", request.maximumTokens ?? settings.maxTokens)
            body.bool("stream", true)
            if !system.isEmpty { body.string("system", system) }
            body.array("messages", Self.turns(request.messages))
            if settings.sendsTools, !request.tools.isEmpty { body.array("tools", request.tools.map(Self.tool)) }
            if let temperature = request.temperature ?? settings.defaultTemperature {
                body.double("temperature", temperature)
            }
        }
    }

    /// Non-system messages as turns; consecutive messages of the same turn role are merged.
    static func turns(_ messages: [ChatMessage]) -> [String] {
        var turns: [(role: String, blocks: [String])] = []
        for message in messages where message.role != .system {
            let role = message.role == .assistant ? "assistant" : "user"
            let blocks = contentBlocks(message)
            guard !blocks.isEmpty else { continue }
            if turns.last?.role == role { turns[turns.count - 1].blocks += blocks } else { turns.append((role, blocks)) }
        }
        return turns.map { turn in
            JSONObjectWriter.object { out in
                out.string("role", turn.role)
                out.array("content", turn.blocks)
            }
        }
    }

    static func contentBlocks(_ message: ChatMessage) -> [String] {
        switch message.role {
        case .tool:
            return [JSONObjectWriter.object { out in
                out.string("type", "tool_result")
                out.string("tool_use_id", message.toolCallID ?? "")
                out.string("content", message.content)
            }]
        case .assistant:
            var blocks = message.content.isEmpty ? [] : [textBlock(message.content)]
            blocks += message.toolCalls.map { call in
                JSONObjectWriter.object { out in
                    out.string("type", "tool_use")
                    out.string("id", call.id)
                    out.string("name", call.name)
                    out.raw("input", JSONWriter.objectOrEmpty(call.argumentsJSON))
                }
            }
            return blocks
        case .user, .system:
            return message.content.isEmpty ? [] : [textBlock(message.content)]
        }
    }

    static func textBlock(_ text: String) -> String {
        JSONObjectWriter.object { out in
            out.string("type", "text")
            out.string("text", text)
        }
    }

    static func tool(_ tool: ToolDeclaration) -> String {
        JSONObjectWriter.object { out in
            out.string("name", tool.name)
            out.string("description", tool.description)
            out.raw("input_schema", JSONWriter.objectOrEmpty(tool.parametersSchemaJSON))
        }
    }
}
