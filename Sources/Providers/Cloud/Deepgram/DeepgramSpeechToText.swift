import Agents
import Net
import Speech
import Wire

/// Deepgram live transcription (`wss://api.deepgram.com/v1/listen`, `Authorization: Token KEY`): one
/// WebSocket per session, µ-law or linear16 audio sent as it comes, results read by `DeepgramDialect`.
/// One value serves every call; it holds no call state.
public struct DeepgramSpeechToText: SpeechToText {
    public let name = "deepgram"
    public let settings: DeepgramSettings
    private let apiKey: Secret
    private let network: ProviderNetwork

    public init(settings: STTProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        let reader = ProviderSettingsReader(settings)
        apiKey = try reader.apiKey()
        self.settings = try DeepgramSettings(reading: reader)
        self.network = network
    }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        var headers = HTTPHeaders()
        headers.add(name: "Authorization", value: "Token \(apiKey.reveal())")
        let opening = WebSocketTranscriptionSession.Opening(
            url: settings.listenURL(for: request), headers: headers, dialect: DeepgramDialect(), format: request.format,
            options: settings.session, secret: apiKey,
            rejectionDetail: { headers, body in DeepgramDialect.rejectionDetail(headers: headers, body: body) })
        return try await WebSocketTranscriptionSession.open(opening, network: network)
    }
}
