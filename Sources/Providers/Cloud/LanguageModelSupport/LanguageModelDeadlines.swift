import Agents

/// How long a language-model stream may take at each stage before it fails with
/// `ProviderError.timeout(stage)` and the request is aborted. Read from an `llm` entry's settings
/// (`connect_timeout_ms`, `first_token_timeout_ms`, `stall_timeout_ms`).
public struct LanguageModelDeadlines: Sendable, Hashable {
    /// TCP + TLS to the provider; a healthy API connects in well under a second.
    public static let defaultConnect: Duration = .seconds(5)
    /// Request start to the first streamed event. Cloud models usually answer in 0.3–2 s; past this a
    /// caller is already waiting in silence and a fallback model should take over.
    public static let defaultFirstToken: Duration = .seconds(8)
    /// Longest gap between two streamed events once the reply has begun.
    public static let defaultStall: Duration = .seconds(5)

    public var connect: Duration
    public var firstToken: Duration
    public var stall: Duration

    public init(connect: Duration = defaultConnect, firstToken: Duration = defaultFirstToken,
                stall: Duration = defaultStall) {
        self.connect = connect
        self.firstToken = firstToken
        self.stall = stall
    }

    /// Reads the three `*_timeout_ms` settings (positive integers), defaults for those absent.
    public init(settings: LLMProviderConfig) throws(ProviderSetupError) {
        let reader = LanguageModelSettingsReader(settings)
        self.init(connect: try reader.milliseconds("connect_timeout_ms") ?? Self.defaultConnect,
                  firstToken: try reader.milliseconds("first_token_timeout_ms") ?? Self.defaultFirstToken,
                  stall: try reader.milliseconds("stall_timeout_ms") ?? Self.defaultStall)
    }
}
