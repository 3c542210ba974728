import Foundation
import Speech
import Wire

/// Decodes an Anthropic Messages SSE stream into `CompletionEvent`s: `text_delta`s as tokens,
/// `tool_use` blocks assembled from their `input_json_delta`s and emitted at `content_block_stop`,
/// usage from `message_start` (input) and `message_delta` (output), `done` at `message_stop`. `ping`
/// and unknown events are ignored; an `error` event fails the stream (`overloaded_error` →
/// `overloaded`, `rate_limit_error` → `rateLimited`, …). Pure.
public struct AnthropicStreamDecoder: CompletionStreamDecoder {
    private struct ToolBlock {
        var id: String
        var name: String
        var input = ""
    }

    private let errors: ProviderHTTPErrorMapper
    private var toolBlocks: [Int: ToolBlock] = [:]
    private var inputTokens = 0
    private var outputTokens: Int?
    private var eventCount = 0
    public private(set) var hasBegun = false

    public init(errors: ProviderHTTPErrorMapper = ProviderHTTPErrorMapper(redacting: [])) {
        self.errors = errors
    }

    public mutating func decode(_ event: SSEEvent) -> [CompletionEvent] {
        guard !event.data.isEmpty else { return [] }
        eventCount += 1
        let decoded: AnthropicStreamEvent
        do {
            decoded = try JSONDecoder().decode(AnthropicStreamEvent.self, from: Data(event.data.utf8))
        } catch {
            return [.failed(.malformedResponse(detail: "event \(eventCount) (\(event.type)) is not valid JSON: "
                                               + errors.redact(String(event.data.prefix(120)))))]
        }
        switch decoded.type {
        case "message_start":
            inputTokens = decoded.message?.usage?.inputTokens ?? inputTokens
            outputTokens = decoded.message?.usage?.outputTokens
        case "content_block_start":
            return blockStarted(decoded)
        case "content_block_delta":
            return blockDelta(decoded)
        case "content_block_stop":
            guard let index = decoded.index, let block = toolBlocks.removeValue(forKey: index) else { return [] }
            return [.toolCall(ToolCall(id: block.id, name: block.name, argumentsJSON: block.input.isEmpty ? "{}" : block.input))]
        case "message_delta":
            hasBegun = true
            if let output = decoded.usage?.outputTokens { outputTokens = output }
            if let input = decoded.usage?.inputTokens { inputTokens = input }
        case "message_stop":
            hasBegun = true
            return [.done(outputTokens.map { TokenUsage(promptTokens: inputTokens, completionTokens: $0) })]
        case "error":
            return [.failed(error(decoded.error))]
        default:
            break  // ping, and event types added later
        }
        return []
    }

    public mutating func endOfBody() -> [CompletionEvent] {
        if eventCount == 0 { return [.failed(.malformedResponse(detail: "the response held no server-sent events"))] }
        return [.failed(.connectionLost)]
    }

    private mutating func blockStarted(_ event: AnthropicStreamEvent) -> [CompletionEvent] {
        guard let block = event.contentBlock else { return [] }
        switch block.type {
        case "tool_use":
            hasBegun = true
            toolBlocks[event.index ?? 0] = ToolBlock(id: block.id ?? "toolu_\(event.index ?? 0)", name: block.name ?? "")
        case "text":
            hasBegun = true
            if let text = block.text, !text.isEmpty { return [.token(text)] }
        default:
            break  // thinking and other block kinds are not spoken
        }
        return []
    }

    private mutating func blockDelta(_ event: AnthropicStreamEvent) -> [CompletionEvent] {
        guard let delta = event.delta else { return [] }
        switch delta.type {
        case "text_delta":
            hasBegun = true
            if let text = delta.text, !text.isEmpty { return [.token(text)] }
        case "input_json_delta":
            hasBegun = true
            if let index = event.index, let piece = delta.partialJSON { toolBlocks[index]?.input += piece }
        default:
            break  // thinking_delta, signature_delta, citations
        }
        return []
    }

    private func error(_ failure: AnthropicStreamEvent.StreamError?) -> ProviderError {
        let message = errors.redact(String((failure?.message ?? "stream error").prefix(ProviderHTTPErrorMapper.maxDetailCharacters)))
        switch failure?.type {
        case "rate_limit_error": return .rateLimited(retryAfter: nil)
        case "authentication_error", "permission_error": return .auth
        case "invalid_request_error", "not_found_error", "request_too_large": return .badRequest(detail: message)
        default: return .overloaded  // overloaded_error, api_error, and anything new
        }
    }
}
