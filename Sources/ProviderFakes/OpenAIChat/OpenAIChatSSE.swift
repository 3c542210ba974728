import Speech

/// OpenAI chat-completions stream bytes, as api.openai.com sends them (shared/protocols.md §4.2):
/// `data: <chunk JSON>\n\n` per chunk, a usage-only chunk with empty `choices`, then `data: [DONE]`.
/// `Style` reproduces the compatible servers' quirks.
public enum OpenAIChatSSE {
    /// How a compatible server deviates from OpenAI.
    public struct Style: Sendable {
        /// `"data: "` (OpenAI) or `"data:"` (servers that omit the space).
        public var dataPrefix: String
        public var sendsUsageChunk: Bool
        public var sendsDone: Bool
        /// DeepSeek-style `: keep-alive` comment before the first chunk.
        public var sendsKeepAlive: Bool
        /// DeepSeek reasoner-style `reasoning_content` delta before the text (must be ignored).
        public var sendsReasoning: Bool

        public init(dataPrefix: String = "data: ", sendsUsageChunk: Bool = true, sendsDone: Bool = true,
                    sendsKeepAlive: Bool = false, sendsReasoning: Bool = false) {
            self.dataPrefix = dataPrefix
            self.sendsUsageChunk = sendsUsageChunk
            self.sendsDone = sendsDone
            self.sendsKeepAlive = sendsKeepAlive
            self.sendsReasoning = sendsReasoning
        }

        public static let openAI = Style()
    }

    static let id = "chatcmpl-fake9x"
    static let model = "gpt-4o-mini"

    /// One SSE event carrying `json` as data, with the style's `data:` prefix.
    public static func event(_ json: String, _ style: Style) -> [UInt8] { Array((style.dataPrefix + json + "\n\n").utf8) }

    /// A `chat.completion.chunk` for choice 0 with `delta` (JSON) and an optional finish reason.
    public static func chunk(delta: String, finish: String? = nil) -> String {
        #"{"id":"\#(id)","object":"chat.completion.chunk","created":1767000000,"model":"\#(model)","system_fingerprint":"fp_fake","#
            + #""choices":[{"index":0,"delta":\#(delta),"logprobs":null,"finish_reason":\#(finish.map { "\"\($0)\"" } ?? "null")}],"usage":null}"#
    }

    /// The first chunk: role `assistant`, empty content.
    public static func roleChunk() -> String { chunk(delta: #"{"role":"assistant","content":"","refusal":null}"#) }

    /// A text delta.
    public static func contentChunk(_ text: String) -> String { chunk(delta: #"{"content":\#(quoted(text))}"#) }

    /// The trailing usage-only chunk (`choices: []`).
    public static func usageChunk(_ usage: TokenUsage) -> String {
        #"{"id":"\#(id)","object":"chat.completion.chunk","created":1767000000,"model":"\#(model)","system_fingerprint":"fp_fake","choices":[],"#
            + #""usage":{"prompt_tokens":\#(usage.promptTokens),"completion_tokens":\#(usage.completionTokens),"total_tokens":\#(usage.promptTokens + usage.completionTokens),"#
            + #""prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}}"#
    }

    /// The chunks of one tool call at `index`: id, name and empty arguments first, then the pieces.
    static func toolCallChunks(_ call: ToolCall, index: Int) -> [String] {
        let head = chunk(delta: #"{"tool_calls":[{"index":\#(index),"id":"\#(call.id)","type":"function","function":{"name":"\#(call.name)","arguments":""}}]}"#)
        let pieces = ArgumentPieces.split(call.argumentsJSON).map { piece in
            chunk(delta: #"{"tool_calls":[{"index":\#(index),"function":{"arguments":\#(quoted(piece))}}]}"#)
        }
        return [head] + pieces
    }

    /// The whole body of a reply.
    public static func reply(tokens: [String], toolCalls: [ToolCall], usage: TokenUsage?, style: Style = .openAI) -> [FakeHTTPReply.Step] {
        var steps: [FakeHTTPReply.Step] = []
        if style.sendsKeepAlive { steps.append(.send(Array(": keep-alive\n\n".utf8))) }
        steps.append(.send(event(roleChunk(), style)))
        if style.sendsReasoning {
            steps.append(.send(event(chunk(delta: #"{"content":null,"reasoning_content":"Let me think."}"#), style)))
        }
        steps += tokens.map { .send(event(contentChunk($0), style)) }
        for (index, call) in toolCalls.enumerated() {
            steps += toolCallChunks(call, index: index).map { .send(event($0, style)) }
        }
        steps.append(.send(event(chunk(delta: "{}", finish: toolCalls.isEmpty ? "stop" : "tool_calls"), style)))
        if style.sendsUsageChunk, let usage { steps.append(.send(event(usageChunk(usage), style))) }
        if style.sendsDone { steps.append(.send(Array((style.dataPrefix + "[DONE]\n\n").utf8))) }
        return steps
    }

    /// `{"error":{…}}` as OpenAI sends it in a non-2xx body or inside a stream.
    public static func errorObject(message: String, type: String, code: String?) -> String {
        #"{"error":{"message":\#(quoted(message)),"type":"\#(type)","param":null,"code":\#(code.map { "\"\($0)\"" } ?? "null")}}"#
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
