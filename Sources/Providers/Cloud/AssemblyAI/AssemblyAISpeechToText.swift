import Agents
import Net
import Speech
import Wire

/// AssemblyAI Universal-Streaming v3 (`wss://streaming.assemblyai.com/v3/ws`, `Authorization: KEY`):
/// one WebSocket per session, µ-law or 16-bit PCM sent in 50 ms+ chunks, turns read by
/// `AssemblyAIDialect`. One value serves every call; it holds no call state.
public struct AssemblyAISpeechToText: SpeechToText {
    public let name = "assemblyai"
    public let settings: AssemblyAISettings
    private let apiKey: Secret
    private let network: ProviderNetwork

    public init(settings: STTProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        let reader = ProviderSettingsReader(settings)
        apiKey = try reader.apiKey()
        self.settings = try AssemblyAISettings(reading: reader)
        self.network = network
    }

    /// Replays into AssemblyAI are bounded by `settings.replay_max_ms` (it refuses faster-than-real-time audio).
    public var replayLimit: Duration? { .milliseconds(settings.replayMaxMilliseconds) }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        guard request.format.encoding != .alaw else {
            throw .badRequest(detail: "AssemblyAI streams take pcm_mulaw or pcm_s16le, not A-law")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: apiKey.reveal())
        let dialect = AssemblyAIDialect(formatTurns: settings.formatTurns, chunkMilliseconds: settings.chunkMilliseconds)
        let opening = WebSocketTranscriptionSession.Opening(
            url: settings.streamURL(for: request), headers: headers, dialect: dialect, format: request.format,
            options: settings.session, secret: apiKey,
            rejectionDetail: { headers, body in AssemblyAIDialect.rejectionDetail(headers: headers, body: body) })
        return try await WebSocketTranscriptionSession.open(opening, network: network)
    }
}
