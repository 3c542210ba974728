import Foundation
import Speech
import Wire

/// Decodes an OpenAI-compatible chat-completions SSE stream (shared/protocols.md §4.2–4.4) into
/// `CompletionEvent`s: `delta.content` as tokens in order, `delta.tool_calls` assembled by index and
/// emitted complete at `finish_reason`, usage from the trailing usage-only chunk (or Groq's `x_groq`),
/// `done` at `[DONE]`, or at the end of the body once a `finish_reason` came (servers that omit
/// `[DONE]`). An `{"error":{…}}` chunk fails the stream; undecodable JSON is `malformedResponse`. Pure.
public struct OpenAIChatStreamDecoder: CompletionStreamDecoder {
    /// The SSE data that ends an OpenAI stream.
    public static let doneMarker = "[DONE]"

    private let errors: ProviderHTTPErrorMapper
    private var tools = ToolCallAssembler()
    private var usage: TokenUsage?
    private var finished = false
    private var chunkCount = 0
    public private(set) var hasBegun = false

    public init(errors: ProviderHTTPErrorMapper = ProviderHTTPErrorMapper(redacting: [])) {
        self.errors = errors
    }

    public mutating func decode(_ event: SSEEvent) -> [CompletionEvent] {
        let data = event.data.trimmingCharacters(in: .whitespaces)
        if data == Self.doneMarker { return finishedEvents() + [.done(usage)] }
        if data.isEmpty { return [] }
        chunkCount += 1
        let chunk: OpenAIChatChunk
        do {
            chunk = try JSONDecoder().decode(OpenAIChatChunk.self, from: Data(data.utf8))
        } catch {
            return [.failed(.malformedResponse(detail: "chunk \(chunkCount) is not a chat.completion.chunk: "
                                               + errors.redact(String(data.prefix(120)))))]
        }
        if let failure = chunk.error { return [.failed(Self.error(failure, errors: errors))] }
        if let reported = chunk.usage ?? chunk.xGroq?.usage { usage = Self.usage(reported) }
        var events: [CompletionEvent] = []
        for choice in chunk.choices ?? [] where (choice.index ?? 0) == 0 {
            if let text = choice.delta?.content, !text.isEmpty {
                hasBegun = true
                events.append(.token(text))
            }
            for fragment in choice.delta?.toolCalls ?? [] {
                hasBegun = true
                tools.add(index: fragment.index ?? 0, id: fragment.id, name: fragment.function?.name,
                          arguments: fragment.function?.arguments)
            }
            if choice.finishReason != nil {
                hasBegun = true
                events += finishedEvents()
            }
        }
        return events
    }

    public mutating func endOfBody() -> [CompletionEvent] {
        if finished { return [.done(usage)] }
        if chunkCount == 0 { return [.failed(.malformedResponse(detail: "the response held no server-sent events"))] }
        return [.failed(.connectionLost)]
    }

    /// The assembled tool calls, once (at the first `finish_reason` or `[DONE]`).
    private mutating func finishedEvents() -> [CompletionEvent] {
        guard !finished else { return [] }
        finished = true
        return tools.takeCalls().map(CompletionEvent.toolCall)
    }

    static func usage(_ reported: OpenAIChatChunk.Usage) -> TokenUsage {
        TokenUsage(promptTokens: reported.promptTokens ?? 0, completionTokens: reported.completionTokens ?? 0)
    }

    /// An in-stream error object as a `ProviderError`, by its `type`/`code`.
    static func error(_ failure: OpenAIChatChunk.StreamError, errors: ProviderHTTPErrorMapper) -> ProviderError {
        let kind = ((failure.type ?? "") + " " + (failure.code ?? "")).lowercased()
        let message = errors.redact(String((failure.message ?? "stream error").prefix(ProviderHTTPErrorMapper.maxDetailCharacters)))
        if kind.contains("rate_limit") || kind.contains("quota") { return .rateLimited(retryAfter: nil) }
        if kind.contains("auth") || kind.contains("api_key") || kind.contains("permission") { return .auth }
        if kind.contains("invalid_request") || kind.contains("not_found") || kind.contains("context_length") {
            return .badRequest(detail: message)
        }
        return .overloaded
    }
}
