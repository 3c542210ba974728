/// One event's `data` in an Anthropic Messages stream, decoded leniently: every event carries `type`;
/// the other fields are present for the types that use them, and unknown fields and types are ignored
/// (Anthropic may add event types).
struct AnthropicStreamEvent: Decodable {
    struct Usage: Decodable {
        var inputTokens: Int?
        var outputTokens: Int?

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
        }
    }

    struct Message: Decodable {
        var usage: Usage?
    }

    struct ContentBlock: Decodable {
        var type: String
        var id: String?
        var name: String?
        var text: String?
    }

    struct Delta: Decodable {
        var type: String?
        var text: String?
        var partialJSON: String?
        var stopReason: String?

        enum CodingKeys: String, CodingKey {
            case type, text
            case partialJSON = "partial_json"
            case stopReason = "stop_reason"
        }
    }

    struct StreamError: Decodable {
        var type: String?
        var message: String?
    }

    var type: String
    var index: Int?
    var message: Message?
    var contentBlock: ContentBlock?
    var delta: Delta?
    var usage: Usage?
    var error: StreamError?

    enum CodingKeys: String, CodingKey {
        case type, index, message, delta, usage, error
        case contentBlock = "content_block"
    }
}
