import Agents
import Speech

/// A Deepgram live entry's settings (`stt: [{kind: deepgram, settings: {...}}]`), checked when the
/// agent loads. Every query parameter comes from here or from the session's request.
public struct DeepgramSettings: Sendable, Hashable {
    /// Deepgram's live endpoint host; `settings.base_url` replaces it (proxies, loopback fakes).
    public static let vendorBaseURL = "wss://api.deepgram.com"
    /// The live transcription path.
    public static let listenPath = "/v1/listen"

    public var baseURL: String
    public var model: String
    /// Overrides the request's language when set.
    public var language: String?
    public var interimResults: Bool
    /// Milliseconds of silence before `speech_final`; nil sends `endpointing=false`.
    public var endpointingMilliseconds: Int?
    /// `utterance_end_ms` (needs interim results); nil leaves it off.
    public var utteranceEndMilliseconds: Int?
    public var vadEvents: Bool
    public var smartFormat: Bool
    /// Words always boosted, on top of the request's hints.
    public var keywords: [String]
    public var session: StreamingSessionOptions

    init(reading reader: ProviderSettingsReader<STTProviderKind>) throws(ProviderSetupError) {
        baseURL = try reader.baseURL(default: Self.vendorBaseURL, schemes: ["wss", "ws"])
        model = try reader.string("model", default: "nova-3")
        language = reader.config.settings["language"] == nil ? nil : try reader.string("language", default: "")
        interimResults = try reader.bool("interim_results", default: true)
        if reader.config.settings["endpointing"]?.boolValue == false {
            endpointingMilliseconds = nil
        } else {
            endpointingMilliseconds = try reader.int("endpointing", default: 300, in: 10...10_000)
        }
        let utteranceEnd = try reader.int("utterance_end_ms", default: 1000, in: 0...10_000)
        utteranceEndMilliseconds = utteranceEnd == 0 || !interimResults ? nil : utteranceEnd
        vadEvents = try reader.bool("vad_events", default: true)
        smartFormat = try reader.bool("smart_format", default: true)
        keywords = try reader.strings("keywords")
        session = try StreamingSessionOptions.read(reader)
    }

    /// The `/v1/listen` URL for `request`: encoding and sample rate from its format (µ-law 8 kHz is
    /// sent as it is), keywords from its hints (`keyterm` for Nova-3 models, `keywords` before).
    public func listenURL(for request: TranscriptionRequest) -> String {
        var query = URLQuery()
        query.add("model", model)
        query.add("language", language ?? request.language)
        query.add("encoding", Self.encodingName(request.format.encoding))
        query.add("sample_rate", request.format.sampleRate.hertz)
        query.add("channels", 1)
        query.add("interim_results", interimResults)
        if let endpointingMilliseconds { query.add("endpointing", endpointingMilliseconds) } else { query.add("endpointing", false) }
        if let utteranceEndMilliseconds { query.add("utterance_end_ms", utteranceEndMilliseconds) }
        query.add("vad_events", vadEvents)
        query.add("smart_format", smartFormat)
        let keywordName = model.hasPrefix("nova-3") ? "keyterm" : "keywords"
        for word in keywords + request.hints where !word.isEmpty { query.add(keywordName, word) }
        return query.appended(to: baseURL + Self.listenPath)
    }

    /// Deepgram's names for the encodings (`encoding=` query values).
    static func encodingName(_ encoding: AudioEncoding) -> String {
        switch encoding {
        case .linear16: "linear16"
        case .mulaw: "mulaw"
        case .alaw: "alaw"
        }
    }
}
