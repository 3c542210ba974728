import Agents
import Net
import Speech

/// The language model for every server speaking OpenAI's chat-completions streaming API: OpenAI,
/// Groq (`kind: groq`), DeepSeek, Qwen/GLM gateways, vLLM, Ollama and llama.cpp's server, chosen by
/// `settings.base_url`. `POST {base_url}/chat/completions` with `stream: true`; see
/// `OpenAIChatSettings` for the knobs, `OpenAIChatStreamDecoder` for what is understood of the stream.
/// Holds no call state: one value serves every call of an agent.
public struct OpenAIChatLanguageModel: LanguageModel {
    public let name: String
    public let settings: OpenAIChatSettings
    private let apiKey: Secret?
    private let http: StreamingHTTPClient

    /// Builds the adapter for an `openai` or `groq` entry; fails on a bad setting or a missing model.
    public init(settings: LLMProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        guard settings.kind == .openai || settings.kind == .groq else {
            throw ProviderSetupError(provider: settings.kind.rawValue, problem: "is not an OpenAI-compatible provider")
        }
        self.name = settings.kind.rawValue
        self.settings = try OpenAIChatSettings(settings: settings)
        self.apiKey = settings.apiKey
        self.http = network.http
    }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let errors = ProviderHTTPErrorMapper(redacting: apiKey.map { [$0.reveal()] } ?? [])
        let session = CompletionStreamSession(http: http, request: httpRequest(for: request),
                                              deadlines: settings.deadlines, errors: errors,
                                              decoder: OpenAIChatStreamDecoder(errors: errors))
        return session.events()
    }

    func httpRequest(for request: CompletionRequest) -> HTTPClientRequest {
        var headers: HTTPClientHeaders = ["Content-Type": "application/json", "Accept": "text/event-stream"]
        if let apiKey { headers.add(name: "Authorization", value: "Bearer " + apiKey.reveal()) }
        for header in settings.extraHeaders { headers.add(name: header.name, value: header.value) }
        let body = OpenAIChatRequestEncoder(settings: settings).body(for: request)
        return HTTPClientRequest(url: settings.baseURL + "/chat/completions", method: "POST", headers: headers,
                                 body: Array(body.utf8))
    }
}
