import Agents

/// What the Anthropic Messages adapter needs from a `kind: anthropic` entry.
public struct AnthropicSettings: Sendable {
    /// Anthropic API root (the adapter appends `/v1/messages`).
    public static let defaultBaseURL = "https://api.anthropic.com"
    /// The `anthropic-version` header value the stream format below is documented for.
    public static let apiVersion = "2023-06-01"
    /// The Messages API requires `max_tokens`; a spoken reply is short.
    public static let defaultMaxTokens = 1024

    public var baseURL: String
    public var model: String
    public var extraHeaders: [(name: String, value: String)]
    /// Token limit when the request sets none (`settings.max_tokens`).
    public var maxTokens: Int
    /// Sends the agent's tools (`settings.tools`, default true).
    public var sendsTools: Bool
    /// Temperature when the request sets none (`settings.temperature`, 0–1).
    public var defaultTemperature: Double?
    public var deadlines: LanguageModelDeadlines

    public init(baseURL: String = defaultBaseURL, model: String, extraHeaders: [(name: String, value: String)] = [],
                maxTokens: Int = defaultMaxTokens, sendsTools: Bool = true, defaultTemperature: Double? = nil,
                deadlines: LanguageModelDeadlines = LanguageModelDeadlines()) {
        self.baseURL = baseURL
        self.model = model
        self.extraHeaders = extraHeaders
        self.maxTokens = maxTokens
        self.sendsTools = sendsTools
        self.defaultTemperature = defaultTemperature
        self.deadlines = deadlines
    }

    public init(settings: LLMProviderConfig) throws(ProviderSetupError) {
        let reader = LanguageModelSettingsReader(settings)
        self.init(baseURL: try reader.baseURL(default: Self.defaultBaseURL),
                  model: try reader.requiredString("model", "the Claude model id (claude-sonnet-4-5, …)"),
                  extraHeaders: try reader.headers(),
                  maxTokens: try reader.positiveInt("max_tokens") ?? Self.defaultMaxTokens,
                  sendsTools: try reader.bool("tools") ?? true,
                  defaultTemperature: try reader.double("temperature", in: 0...1),
                  deadlines: try LanguageModelDeadlines(settings: settings))
    }
}
