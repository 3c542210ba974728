/// One `chat.completion.chunk` as OpenAI-compatible servers stream it (shared/protocols.md §4.2),
/// decoded leniently: `choices` null or missing is empty, a missing tool-call `index` is 0, unknown
/// fields (`reasoning_content`, `timings`, `logprobs`) are ignored. An in-stream failure arrives as
/// `{"error":{…}}` instead.
struct OpenAIChatChunk: Decodable {
    struct Choice: Decodable {
        var index: Int?
        var delta: Delta?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case index, delta
            case finishReason = "finish_reason"
        }
    }

    struct Delta: Decodable {
        var content: String?
        var toolCalls: [ToolCallFragment]?

        enum CodingKeys: String, CodingKey {
            case content
            case toolCalls = "tool_calls"
        }
    }

    struct ToolCallFragment: Decodable {
        var index: Int?
        var id: String?
        var function: FunctionFragment?
    }

    struct FunctionFragment: Decodable {
        var name: String?
        var arguments: String?
    }

    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }

    /// Groq's extension object, which may carry the usage on the final chunk.
    struct GroqExtension: Decodable {
        var usage: Usage?
    }

    struct StreamError: Decodable {
        var message: String?
        var type: String?
        var code: String?

        enum CodingKeys: String, CodingKey { case message, type, code }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = try? container.decodeIfPresent(String.self, forKey: .message)
            type = try? container.decodeIfPresent(String.self, forKey: .type)
            code = (try? container.decodeIfPresent(String.self, forKey: .code))
                ?? (try? container.decodeIfPresent(Int.self, forKey: .code)).flatMap { $0.map(String.init) }
        }
    }

    var choices: [Choice]?
    var usage: Usage?
    var xGroq: GroqExtension?
    var error: StreamError?

    enum CodingKeys: String, CodingKey {
        case choices, usage, error
        case xGroq = "x_groq"
    }
}
