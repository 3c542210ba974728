import Agents

/// What the OpenAI-compatible chat adapter needs from an `llm` entry (`kind: openai` or `kind: groq`):
/// where the server is, which model, and the knobs that differ between OpenAI, Groq, DeepSeek, vLLM,
/// Ollama and llama.cpp's server. See Docs/providers.md "LLM adapters and tools".
public struct OpenAIChatSettings: Sendable {
    /// Which name the token limit goes under: OpenAI's current `max_completion_tokens`, or the
    /// `max_tokens` older and compatible servers know.
    public enum TokenLimitField: String, Sendable, Hashable {
        case maxTokens = "max_tokens"
        case maxCompletionTokens = "max_completion_tokens"
    }

    /// OpenAI API root.
    public static let openAIBaseURL = "https://api.openai.com/v1"
    /// Groq's OpenAI-compatible root.
    public static let groqBaseURL = "https://api.groq.com/openai/v1"

    /// Root the `/chat/completions` path is appended to (`settings.base_url`).
    public var baseURL: String
    public var model: String
    /// Extra request headers (`settings.headers`), after Authorization and Content-Type.
    public var extraHeaders: [(name: String, value: String)]
    public var tokenLimitField: TokenLimitField
    /// Token limit when the request sets none (`settings.max_tokens`).
    public var defaultMaxTokens: Int?
    /// Sends `stream_options: {include_usage: true}` (`settings.stream_usage`, default true); some
    /// servers reject the field.
    public var requestsUsage: Bool
    /// Sends the agent's tools (`settings.tools`, default true); false for servers without tool calling.
    public var sendsTools: Bool
    /// Temperature when the request sets none (`settings.temperature`, 0–2).
    public var defaultTemperature: Double?
    public var deadlines: LanguageModelDeadlines

    public init(baseURL: String, model: String, extraHeaders: [(name: String, value: String)] = [],
                tokenLimitField: TokenLimitField = .maxCompletionTokens, defaultMaxTokens: Int? = nil,
                requestsUsage: Bool = true, sendsTools: Bool = true, defaultTemperature: Double? = nil,
                deadlines: LanguageModelDeadlines = LanguageModelDeadlines()) {
        self.baseURL = baseURL
        self.model = model
        self.extraHeaders = extraHeaders
        self.tokenLimitField = tokenLimitField
        self.defaultMaxTokens = defaultMaxTokens
        self.requestsUsage = requestsUsage
        self.sendsTools = sendsTools
        self.defaultTemperature = defaultTemperature
        self.deadlines = deadlines
    }

    /// Reads an entry's settings. The token-limit field defaults to `max_completion_tokens` on OpenAI's
    /// own URL and `max_tokens` everywhere else (Groq, gateways, vLLM, Ollama, llama.cpp).
    public init(settings: LLMProviderConfig) throws(ProviderSetupError) {
        let reader = LanguageModelSettingsReader(settings)
        let fallbackURL = settings.kind == .groq ? Self.groqBaseURL : Self.openAIBaseURL
        let baseURL = try reader.baseURL(default: fallbackURL)
        var field: TokenLimitField = baseURL == Self.openAIBaseURL ? .maxCompletionTokens : .maxTokens
        if let name = try reader.string("max_tokens_field") {
            guard let chosen = TokenLimitField(rawValue: name) else {
                throw reader.fail("settings.max_tokens_field must be max_tokens or max_completion_tokens")
            }
            field = chosen
        }
        self.init(baseURL: baseURL,
                  model: try reader.requiredString("model", "the model name the server knows (gpt-4o-mini, llama3.1…)"),
                  extraHeaders: try reader.headers(), tokenLimitField: field,
                  defaultMaxTokens: try reader.positiveInt("max_tokens"),
                  requestsUsage: try reader.bool("stream_usage") ?? true, sendsTools: try reader.bool("tools") ?? true,
                  defaultTemperature: try reader.double("temperature", in: 0...2),
                  deadlines: try LanguageModelDeadlines(settings: settings))
    }
}
