import Agents
import Providers
import Speech

/// Builds one adapter from one provider entry of an agent, by kind. Cloud adapters share the server's
/// `ProviderNetwork`; the offline ones (pocketsphinx, scripted, espeak) need nothing. A kind with no
/// adapter in this build, or an entry an adapter refuses (missing `api_key`, bad setting), is a
/// `ProviderSetupError` naming the provider and the problem.
struct ProviderAdapterBuilder {
    let agent: AgentConfig
    let network: ProviderNetwork
    /// The variables a scripted model starts with (`chat` passes its call's); nil: the agent's defaults.
    var scriptedVariables: [String: String]? = nil

    func speechToText(_ entry: STTProviderConfig) throws(ProviderSetupError) -> any SpeechToText {
        switch entry.kind {
        case .deepgram: return try DeepgramSpeechToText(settings: entry, network: network)
        case .assemblyai: return try AssemblyAISpeechToText(settings: entry, network: network)
        case .openai: return try OpenAITranscriptionSpeechToText(settings: entry, network: network)
        case .pocketsphinx:
            do {
                return try PocketSphinxSpeechToText(dialogue: agent.scripted, configuration: .init(settings: entry))
            } catch {
                throw ProviderSetupError(provider: entry.kind.rawValue, problem: "could not start: \(error)")
            }
        default:
            throw Self.noAdapter(entry.kind.rawValue)
        }
    }

    func languageModel(_ entry: LLMProviderConfig) throws(ProviderSetupError) -> any LanguageModel {
        switch entry.kind {
        case .openai, .groq: return try OpenAIChatLanguageModel(settings: entry, network: network)
        case .anthropic: return try AnthropicLanguageModel(settings: entry, network: network)
        case .scripted:
            do {
                return try ScriptedLanguageModel(agent: agent, settings: entry, callVariables: scriptedVariables)
            } catch {
                throw ProviderSetupError(provider: entry.kind.rawValue, problem: "could not start: \(error)")
            }
        }
    }

    func textToSpeech(_ entry: TTSProviderConfig) throws(ProviderSetupError) -> any TextToSpeech {
        switch entry.kind {
        case .elevenlabs: return try ElevenLabsTTS(settings: entry, network: network)
        case .cartesia: return try CartesiaTTS(settings: entry, network: network)
        case .openai: return try OpenAISpeechTTS(settings: entry, network: network)
        case .deepgram: return try DeepgramAuraTTS(settings: entry, network: network)
        case .espeak: return EspeakTextToSpeech(configuration: .init(settings: entry, voice: agent.voice))
        }
    }

    /// The offline voice canned phrases fall back to when every configured voice fails: the agent's own
    /// espeak entry when it has one, else espeak-ng with the agent's voice settings.
    func lastResortVoice() -> any TextToSpeech {
        let entry = agent.tts.first { $0.kind == .espeak } ?? TTSProviderConfig(kind: .espeak)
        return EspeakTextToSpeech(configuration: .init(settings: entry, voice: agent.voice))
    }

    static func noAdapter(_ kind: String) -> ProviderSetupError {
        ProviderSetupError(provider: kind, problem: "has no adapter in this build (stt: deepgram, assemblyai, openai, "
                           + "pocketsphinx; llm: openai, groq, anthropic, scripted; tts: elevenlabs, cartesia, openai, "
                           + "deepgram, espeak)")
    }
}
