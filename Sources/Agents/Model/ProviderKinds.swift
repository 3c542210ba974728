/// What every provider kind enum offers the loader: its spelling in YAML and whether it needs a key.
public protocol ProviderKind: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The layer's name in YAML and messages (`stt`, `llm`, `tts`).
    static var layer: String { get }
    /// Cloud services need an `api_key`; local providers (which run on this machine) do not take one.
    var needsAPIKey: Bool { get }
}

/// Speech-to-text providers Switchboard knows, as written after `kind:` in an agent's `stt` list.
public enum STTProviderKind: String, ProviderKind {
    case deepgram
    case assemblyai
    case speechmatics
    case openai
    /// Offline recognition with CMU PocketSphinx and a grammar built from the agent's intents;
    /// needs 16 kHz audio (the PCM endpoint), not 8 kHz telephony.
    case pocketsphinx

    public static let layer = "stt"
    public var needsAPIKey: Bool { self != .pocketsphinx }
}

/// Language-model providers Switchboard knows, as written after `kind:` in an agent's `llm` list.
public enum LLMProviderKind: String, ProviderKind {
    /// OpenAI or any server speaking its chat-completions API (`settings.base_url`).
    case openai
    case anthropic
    case groq
    /// The offline dialogue engine driven by the agent's `scripted` intents.
    case scripted

    public static let layer = "llm"
    public var needsAPIKey: Bool { self != .scripted }
}

/// Text-to-speech providers Switchboard knows, as written after `kind:` in an agent's `tts` list.
public enum TTSProviderKind: String, ProviderKind {
    case cartesia
    case elevenlabs
    case deepgram
    case openai
    /// Offline synthesis with espeak-ng.
    case espeak

    public static let layer = "tts"
    public var needsAPIKey: Bool { self != .espeak }
}
