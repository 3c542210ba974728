/// One entry of an agent's `stt`, `llm` or `tts` list: which provider, its credentials, and its own
/// settings. Lists are ordered: the first entry is the primary, the rest are fallbacks tried in order.
public struct ProviderConfig<Kind: ProviderKind>: Sendable, Hashable {
    /// Which provider.
    public var kind: Kind
    /// The credential, from `api_key: ${ENV_VAR}`; nil for local providers.
    public var apiKey: Secret?
    /// Provider-specific settings (`model`, `voice`, `base_url`, `sample_rate`…), interpreted by the
    /// provider's adapter. `${ENV_VAR}` references in string values are already substituted.
    public var settings: [String: ConfigValue]
    /// What the provider costs (`pricing`); empty when not given.
    public var pricing: ProviderPricing

    /// Creates an entry.
    public init(kind: Kind, apiKey: Secret? = nil, settings: [String: ConfigValue] = [:],
                pricing: ProviderPricing = ProviderPricing()) {
        self.kind = kind
        self.apiKey = apiKey
        self.settings = settings
        self.pricing = pricing
    }

    /// The string setting `key`, if set and a string.
    public func string(_ key: String) -> String? { settings[key]?.stringValue }
    /// The integer setting `key`, if set and an integer.
    public func int(_ key: String) -> Int? { settings[key]?.intValue }
    /// The numeric setting `key`, if set and a number.
    public func double(_ key: String) -> Double? { settings[key]?.doubleValue }
    /// The boolean setting `key`, if set and a boolean.
    public func bool(_ key: String) -> Bool? { settings[key]?.boolValue }
}

/// A speech-to-text entry.
public typealias STTProviderConfig = ProviderConfig<STTProviderKind>
/// A language-model entry.
public typealias LLMProviderConfig = ProviderConfig<LLMProviderKind>
/// A text-to-speech entry.
public typealias TTSProviderConfig = ProviderConfig<TTSProviderKind>
