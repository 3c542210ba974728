import Wire
import Agents
import Speech

/// An AssemblyAI streaming entry's settings (`stt: [{kind: assemblyai, settings: {...}}]`), checked
/// when the agent loads.
public struct AssemblyAISettings: Sendable, Hashable {
    /// AssemblyAI's streaming host; `settings.base_url` replaces it (EU endpoint, proxies, loopback fakes).
    public static let vendorBaseURL = "wss://streaming.assemblyai.com"
    /// The v3 Universal-Streaming path.
    public static let streamPath = "/v3/ws"
    /// AssemblyAI accepts audio messages of 50–1000 ms (close 3007 otherwise); whole 20 ms frames.
    public static let chunkRange = 60...1000
    /// One message's worth at most (AssemblyAI's 1000 ms message bound): a burst it tolerates.
    public static let defaultReplayMaxMilliseconds = 1000

    public var baseURL: String
    public var speechModel: String
    public var formatTurns: Bool
    /// Audio per binary message, a multiple of 20 ms.
    public var chunkMilliseconds: Int
    public var endOfTurnConfidenceThreshold: Double?
    public var minEndOfTurnSilenceWhenConfidentMilliseconds: Int?
    public var maxTurnSilenceMilliseconds: Int?
    /// Terms always boosted, on top of the request's hints (`keyterms_prompt`).
    public var keyterms: [String]
    /// `settings.replay_max_ms`: the most audio a fallback router replays at once into a new session
    /// after a failover. AssemblyAI closes a stream fed faster than real time (3007 "Audio Transmission
    /// Rate Exceeded"), so only the newest words are replayed; 0 replays nothing.
    public var replayMaxMilliseconds: Int
    public var session: StreamingSessionOptions

    init(reading reader: ProviderSettingsReader<STTProviderKind>) throws(ProviderSetupError) {
        baseURL = try reader.baseURL(default: Self.vendorBaseURL, schemes: ["wss", "ws"])
        speechModel = try reader.string("speech_model", default: "universal-streaming-english")
        formatTurns = try reader.bool("format_turns", default: true)
        chunkMilliseconds = try reader.int("chunk_ms", default: 100, in: Self.chunkRange)
        guard chunkMilliseconds % 20 == 0 else { throw reader.problem("settings.chunk_ms must be a multiple of 20") }
        if let threshold = reader.config.settings["end_of_turn_confidence_threshold"] {
            guard let value = threshold.doubleValue, (0...1).contains(value) else {
                throw reader.problem("settings.end_of_turn_confidence_threshold must be a number in 0...1")
            }
            endOfTurnConfidenceThreshold = value
        }
        if reader.config.settings["min_end_of_turn_silence_when_confident"] != nil {
            minEndOfTurnSilenceWhenConfidentMilliseconds = try reader.int("min_end_of_turn_silence_when_confident", default: 400, in: 0...10_000)
        }
        if reader.config.settings["max_turn_silence"] != nil {
            maxTurnSilenceMilliseconds = try reader.int("max_turn_silence", default: 1280, in: 0...30_000)
        }
        keyterms = try reader.strings("keyterms")
        replayMaxMilliseconds = try reader.int("replay_max_ms", default: Self.defaultReplayMaxMilliseconds, in: 0...10_000)
        session = try StreamingSessionOptions.read(reader)
    }

    /// The `/v3/ws` URL for `request`.
    public func streamURL(for request: TranscriptionRequest) -> String {
        var query = URLQuery()
        query.add("sample_rate", request.format.sampleRate.hertz)
        query.add("encoding", request.format.encoding == .mulaw ? "pcm_mulaw" : "pcm_s16le")
        query.add("format_turns", formatTurns)
        query.add("speech_model", speechModel)
        if let endOfTurnConfidenceThreshold { query.add("end_of_turn_confidence_threshold", String(endOfTurnConfidenceThreshold)) }
        if let minEndOfTurnSilenceWhenConfidentMilliseconds {
            query.add("min_end_of_turn_silence_when_confident", minEndOfTurnSilenceWhenConfidentMilliseconds)
        }
        if let maxTurnSilenceMilliseconds { query.add("max_turn_silence", maxTurnSilenceMilliseconds) }
        let terms = (keyterms + request.hints).filter { !$0.isEmpty }
        if !terms.isEmpty { query.add("keyterms_prompt", "[" + terms.map(JSONWriter.quoted).joined(separator: ",") + "]") }
        return query.appended(to: baseURL + Self.streamPath)
    }
}
