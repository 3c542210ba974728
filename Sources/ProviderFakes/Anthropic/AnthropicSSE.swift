import Speech

/// Anthropic Messages stream bytes as api.anthropic.com sends them: `event: <type>\ndata: <json>\n\n`
/// for `message_start`, `content_block_start/delta/stop`, `ping`, `message_delta`, `message_stop`.
public enum AnthropicSSE {
    static let messageID = "msg_01FakeXyz"
    static let model = "claude-sonnet-4-5"

    /// `event: <type>\ndata: <json>\n\n`.
    public static func event(_ type: String, _ json: String) -> [UInt8] { Array("event: \(type)\ndata: \(json)\n\n".utf8) }

    static func messageStart(inputTokens: Int) -> [UInt8] {
        event("message_start", #"{"type":"message_start","message":{"id":"\#(messageID)","type":"message","role":"assistant","content":[],"model":"\#(model)","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":\#(inputTokens),"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}"#)
    }

    static func textStart(index: Int) -> [UInt8] {
        event("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"text","text":""}}"#)
    }

    static func textDelta(index: Int, _ text: String) -> [UInt8] {
        event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"text_delta","text":\#(OpenAIChatSSE.quoted(text))}}"#)
    }

    static func blockStop(index: Int) -> [UInt8] {
        event("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#)
    }

    /// The keep-alive event.
    public static let ping = event("ping", #"{"type": "ping"}"#)

    static func toolUse(_ call: ToolCall, index: Int) -> [[UInt8]] {
        let start = event("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"tool_use","id":"\#(call.id)","name":"\#(call.name)","input":{}}}"#)
        let deltas = ArgumentPieces.split(call.argumentsJSON).map { piece in
            event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"input_json_delta","partial_json":\#(OpenAIChatSSE.quoted(piece))}}"#)
        }
        return [start] + deltas + [blockStop(index: index)]
    }

    static func messageEnd(stopReason: String, outputTokens: Int) -> [[UInt8]] {
        [event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(stopReason)","stop_sequence":null},"usage":{"output_tokens":\#(outputTokens)}}"#),
         event("message_stop", #"{"type":"message_stop"}"#)]
    }

    /// `{"type":"error","error":{…}}`, the body of an error status and of an in-stream `error` event.
    public static func errorObject(type: String, message: String) -> String {
        #"{"type":"error","error":{"type":"\#(type)","message":\#(OpenAIChatSSE.quoted(message))}}"#
    }

    /// The whole body of a reply: text block, tool_use blocks, message_delta with usage, message_stop.
    public static func reply(tokens: [String], toolCalls: [ToolCall], usage: TokenUsage?) -> [FakeHTTPReply.Step] {
        var pieces: [[UInt8]] = [messageStart(inputTokens: usage?.promptTokens ?? 0), textStart(index: 0), ping]
        pieces += tokens.map { textDelta(index: 0, $0) }
        pieces.append(blockStop(index: 0))
        for (offset, call) in toolCalls.enumerated() { pieces += toolUse(call, index: offset + 1) }
        pieces += messageEnd(stopReason: toolCalls.isEmpty ? "end_turn" : "tool_use", outputTokens: usage?.completionTokens ?? 0)
        return pieces.map { .send($0) }
    }
}
