import Agents
import Providers
import Speech
import Testing

@Suite("Cloud STT adapters refuse bad settings when the agent loads")
struct CloudSTTSetupTests {
    typealias H = CloudSTTHarness

    @Test func aMissingAPIKeyIsASetupErrorNamingTheProvider() {
        let config = STTProviderConfig(kind: .deepgram)
        #expect(throws: ProviderSetupError.self) { try DeepgramSpeechToText(settings: config, network: H.network) }
        #expect(throws: ProviderSetupError.self) {
            try AssemblyAISpeechToText(settings: STTProviderConfig(kind: .assemblyai), network: H.network)
        }
        do {
            _ = try OpenAITranscriptionSpeechToText(settings: STTProviderConfig(kind: .openai, apiKey: Secret("")), network: H.network)
            Issue.record("an empty key was accepted")
        } catch {
            #expect(error.provider == "openai")
            #expect(error.problem.contains("api_key"))
        }
    }

    @Test func badSettingsNameTheSetting() {
        let cases: [(STTProviderKind, [String: ConfigValue], String)] = [
            (.deepgram, ["base_url": .string("http://example.com")], "base_url"),
            (.deepgram, ["endpointing": .string("soon")], "endpointing"),
            (.assemblyai, ["chunk_ms": .int(70)], "chunk_ms"),
            (.assemblyai, ["chunk_ms": .int(20)], "chunk_ms"),
            (.openai, ["base_url": .string("wss://api.openai.com/v1")], "base_url"),
            (.openai, ["silence_ms": .int(5)], "silence_ms"),
        ]
        for (kind, settings, key) in cases {
            let config = STTProviderConfig(kind: kind, apiKey: Secret(H.apiKey), settings: settings)
            do {
                switch kind {
                case .deepgram: _ = try DeepgramSpeechToText(settings: config, network: H.network)
                case .assemblyai: _ = try AssemblyAISpeechToText(settings: config, network: H.network)
                default: _ = try OpenAITranscriptionSpeechToText(settings: config, network: H.network)
                }
                Issue.record("\(kind) accepted \(settings)")
            } catch {
                #expect(error.problem.contains(key), "\(error)")
                #expect(!error.description.contains(H.apiKey))
            }
        }
    }

    @Test func vendorURLsAreTheDefaults() throws {
        let key = Secret(H.apiKey)
        let deepgram = try DeepgramSpeechToText(settings: STTProviderConfig(kind: .deepgram, apiKey: key), network: H.network)
        #expect(deepgram.settings.listenURL(for: TranscriptionRequest(format: .telephony)).hasPrefix("wss://api.deepgram.com/v1/listen?model=nova-3"))
        let assembly = try AssemblyAISpeechToText(settings: STTProviderConfig(kind: .assemblyai, apiKey: key), network: H.network)
        #expect(assembly.settings.streamURL(for: TranscriptionRequest(format: .telephony))
            .hasPrefix("wss://streaming.assemblyai.com/v3/ws?sample_rate=8000&encoding=pcm_mulaw&format_turns=true"))
        let openai = try OpenAITranscriptionSpeechToText(settings: STTProviderConfig(kind: .openai, apiKey: key), network: H.network)
        #expect(openai.settings.transcriptionsURL == "https://api.openai.com/v1/audio/transcriptions")
    }
}
