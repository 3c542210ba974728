import Agents
import Net
import Speech

/// The language model for Anthropic's Messages API, streamed: `POST {base_url}/v1/messages` with
/// `x-api-key` and `anthropic-version: 2023-06-01`. See `AnthropicRequestEncoder` for how the
/// conversation and tool results are sent and `AnthropicStreamDecoder` for the events understood.
/// Holds no call state: one value serves every call of an agent.
public struct AnthropicLanguageModel: LanguageModel {
    public let name = "anthropic"
    public let settings: AnthropicSettings
    private let apiKey: Secret?
    private let http: StreamingHTTPClient

    /// Builds the adapter for an `anthropic` entry; fails on a bad setting or a missing model.
    public init(settings: LLMProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        guard settings.kind == .anthropic else {
            throw ProviderSetupError(provider: settings.kind.rawValue, problem: "is not the anthropic provider")
        }
        self.settings = try AnthropicSettings(settings: settings)
        self.apiKey = settings.apiKey
        self.http = network.http
    }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let errors = ProviderHTTPErrorMapper(redacting: apiKey.map { [$0.reveal()] } ?? [])
        let session = CompletionStreamSession(http: http, request: httpRequest(for: request),
                                              deadlines: settings.deadlines, errors: errors,
                                              decoder: AnthropicStreamDecoder(errors: errors))
        return session.events()
    }

    func httpRequest(for request: CompletionRequest) -> HTTPClientRequest {
        var headers: HTTPClientHeaders = ["Content-Type": "application/json", "Accept": "text/event-stream",
                                          "anthropic-version": AnthropicSettings.apiVersion]
        if let apiKey { headers.add(name: "x-api-key", value: apiKey.reveal()) }
        for header in settings.extraHeaders { headers.add(name: header.name, value: header.value) }
        let body = AnthropicRequestEncoder(settings: settings).body(for: request)
        return HTTPClientRequest(url: settings.baseURL + "/v1/messages", method: "POST", headers: headers,
                                 body: Array(body.utf8))
    }
}
