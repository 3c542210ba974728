import Agents
import Net
import Providers
import Speech
import SwitchboardTesting
import Wire

/// One loop and one HTTP client for every test of the target (fakes and adapters share them).
enum CloudTestNetwork {
    static let loops: EventLoopGroup = try! EventLoopGroup(loopCount: 1, name: "cloud-llm-test")
    static let http: StreamingHTTPClient = try! StreamingHTTPClient(configuration: .init(httpVersion: .http1_1))
    static var provider: ProviderNetwork { ProviderNetwork(loops: loops, http: http) }
}

/// A key that must never appear in any error text.
let testAPIKey = "sk-test-SECRET-4242"

/// Settings for an adapter pointed at a fake, with short deadlines so fault tests end quickly.
func llmConfig(_ kind: LLMProviderKind, baseURL: String, model: String = "test-model",
               extra: [String: ConfigValue] = [:]) -> LLMProviderConfig {
    var settings: [String: ConfigValue] = ["base_url": .string(baseURL), "model": .string(model),
                                           "first_token_timeout_ms": .int(2_000), "stall_timeout_ms": .int(800),
                                           "connect_timeout_ms": .int(1_000)]
    settings.merge(extra) { _, new in new }
    return LLMProviderConfig(kind: kind, apiKey: Secret(testAPIKey, source: "TEST_KEY"), settings: settings)
}

/// Every event of a completion stream (bounded wait: never hangs a test run).
func collectEvents(_ stream: AsyncStream<CompletionEvent>, within seconds: Double = 10) async throws -> [CompletionEvent] {
    try await withTimeout(seconds, "completion stream") {
        var events: [CompletionEvent] = []
        for await event in stream { events.append(event) }
        return events
    }
}

extension [CompletionEvent] {
    var text: String {
        compactMap { if case .token(let text) = $0 { text } else { nil } }.joined()
    }

    var toolCalls: [ToolCall] {
        compactMap { if case .toolCall(let call) = $0 { call } else { nil } }
    }

    var terminal: CompletionEvent? { last }

    var terminalCount: Int {
        filter { switch $0 { case .done, .failed: true; default: false } }.count
    }

    var failure: ProviderError? {
        if case .failed(let error)? = last { return error }
        return nil
    }
}

/// SSE bytes run through `SSEParser` and a decoder: the events until (and with) the first terminal,
/// then the end-of-body outcome if none came. Used by the chunk-split checks.
func decodeStream<Decoder: CompletionStreamDecoder>(_ chunks: [ArraySlice<UInt8>], with decoder: Decoder) -> [CompletionEvent] {
    var decoder = decoder
    var parser = SSEParser()
    var events: [CompletionEvent] = []
    for chunk in chunks {
        parser.append(chunk)
        while let event = try? parser.nextEvent() {
            for decoded in decoder.decode(event) {
                events.append(decoded)
                if case .done = decoded { return events }
                if case .failed = decoded { return events }
            }
        }
    }
    return events + decoder.endOfBody()
}

