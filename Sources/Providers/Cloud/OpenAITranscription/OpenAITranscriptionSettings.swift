import Agents
import Speech

/// An OpenAI transcription entry's settings (`stt: [{kind: openai, settings: {...}}]`), checked when
/// the agent loads. Any server with OpenAI's `/audio/transcriptions` (Groq, a local whisper server)
/// works through `base_url`.
public struct OpenAITranscriptionSettings: Sendable, Hashable {
    /// OpenAI's API root, `/v1` included (as OpenAI's SDKs spell it); `settings.base_url` replaces it.
    public static let vendorBaseURL = "https://api.openai.com/v1"
    public static let transcriptionsPath = "/audio/transcriptions"
    /// OpenAI refuses files over 25 MB; 16-bit 16 kHz audio reaches that after about 13 minutes.
    public static let utteranceRange = 1_000...600_000

    public var baseURL: String
    /// `gpt-4o-mini-transcribe`, `gpt-4o-transcribe` or `whisper-1`.
    public var model: String
    /// ISO-639-1 code sent as `language`; nil derives it from the request's BCP 47 tag.
    public var language: String?
    /// Sent as `prompt`, followed by the request's hints.
    public var prompt: String?
    /// Silence that ends an utterance (energy endpointing).
    public var silence: Duration
    /// An utterance is cut and sent at this length even while speech goes on.
    public var maxUtteranceMilliseconds: Int
    /// Audio kept from before speech starts, so the first syllable is not clipped.
    public var preRollMilliseconds: Int
    /// Utterances waiting for their request; one more fails the session with `.overloaded`.
    public var maxQueuedUtterances: Int
    public var connectTimeout: Duration
    /// The response head must arrive within this after the request went out (`.timeout(.firstResponse)`).
    public var requestTimeout: Duration

    init(reading reader: ProviderSettingsReader<STTProviderKind>) throws(ProviderSetupError) {
        baseURL = try reader.baseURL(default: Self.vendorBaseURL, schemes: ["https", "http"])
        model = try reader.string("model", default: "gpt-4o-mini-transcribe")
        language = reader.config.settings["language"] == nil ? nil : try reader.string("language", default: "")
        prompt = reader.config.settings["prompt"] == nil ? nil : try reader.string("prompt", default: "")
        silence = try reader.milliseconds("silence_ms", default: 700, in: 100...10_000)
        maxUtteranceMilliseconds = try reader.int("max_utterance_ms", default: 30_000, in: Self.utteranceRange)
        preRollMilliseconds = try reader.int("pre_roll_ms", default: 200, in: 0...2_000)
        maxQueuedUtterances = try reader.int("max_queued_utterances", default: 4, in: 1...64)
        connectTimeout = try reader.milliseconds("connect_timeout_ms", default: 5_000, in: 1...60_000)
        requestTimeout = try reader.milliseconds("request_timeout_ms", default: 10_000, in: 1...120_000)
    }

    /// The endpoint URL.
    public var transcriptionsURL: String { baseURL + Self.transcriptionsPath }

    /// The `language` field for `request`: the setting, else the primary subtag of its BCP 47 tag.
    public func languageCode(for request: TranscriptionRequest) -> String? {
        if let language { return language }
        let primary = request.language.split(separator: "-").first.map(String.init)?.lowercased() ?? ""
        return primary.count == 2 ? primary : nil
    }

    /// The `prompt` field for `request`: the setting and the hints, if any.
    public func promptText(for request: TranscriptionRequest) -> String? {
        let hints = request.hints.filter { !$0.isEmpty }
        let parts = (prompt.map { [$0] } ?? []) + (hints.isEmpty ? [] : [hints.joined(separator: ", ")])
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
