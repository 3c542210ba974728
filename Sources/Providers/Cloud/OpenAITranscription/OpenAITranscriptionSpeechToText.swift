import Agents
import Net
import Speech

/// OpenAI batch transcription (`POST /v1/audio/transcriptions`, `Authorization: Bearer KEY`) behind
/// the streaming protocol, for providers without a live API: each session cuts the caller's audio
/// into utterances (`EnergyEndpointer`, or `finishAudio()`), sends each as a 16-bit PCM WAV in one
/// multipart request, and yields the response's `text` as a `final` followed by `utteranceEnd`.
/// No partials. One value serves every call; it holds no call state.
public struct OpenAITranscriptionSpeechToText: SpeechToText {
    public let name = "openai"
    public let settings: OpenAITranscriptionSettings
    private let apiKey: Secret
    private let network: ProviderNetwork

    public init(settings: STTProviderConfig, network: ProviderNetwork) throws(ProviderSetupError) {
        let reader = ProviderSettingsReader(settings)
        apiKey = try reader.apiKey()
        self.settings = try OpenAITranscriptionSettings(reading: reader)
        self.network = network
    }

    /// Returns at once: there is no connection to open before the first utterance (the HTTP client
    /// reuses its connections across requests).
    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        OpenAITranscriptionSession(request: request, settings: settings, apiKey: apiKey, http: network.http)
    }
}
