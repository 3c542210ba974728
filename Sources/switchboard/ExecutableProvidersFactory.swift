import Agents
import Orchestrator
import Providers
import Speech
import Synchronization
import Telephony

/// Builds a call's providers from its agent's provider lists. Each layer uses its primary (first)
/// provider; fallback routing across the rest of the list arrives with the vendor adapters.
/// Providers are built once per agent (on the first call) and shared by its calls: the adapters
/// hold no call state. A kind this build cannot run yields an error naming it, which ends that call
/// with 1011 and a logged reason; other agents and calls are unaffected.
final class ExecutableProvidersFactory: CallProvidersFactory {
    /// A provider kind named in YAML that this build has no adapter for yet.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    private let built = Mutex<[String: Result<CallProviders, Unavailable>]>([:])

    func providers(for agent: AgentConfig) throws -> CallProviders {
        if let cached = built.withLock({ $0[agent.name] }) { return try cached.get() }
        let result = Result { () throws(Unavailable) -> CallProviders in try Self.build(agent) }
        built.withLock { $0[agent.name] = result }
        return try result.get()
    }

    private static func build(_ agent: AgentConfig) throws(Unavailable) -> CallProviders {
        CallProviders(speechToText: try speechToText(agent), languageModel: try languageModel(agent),
                      textToSpeech: try textToSpeech(agent))
    }

    private static func speechToText(_ agent: AgentConfig) throws(Unavailable) -> any SpeechToText {
        guard let primary = agent.stt.first else { throw Unavailable(description: "agent \(agent.name) has no stt provider") }
        switch primary.kind {
        case .pocketsphinx:
            do {
                return try PocketSphinxSpeechToText(dialogue: agent.scripted,
                                                    configuration: .init(settings: primary))
            } catch {
                throw Unavailable(description: "stt pocketsphinx could not start: \(error)")
            }
        default:
            throw notYet("stt", "\(primary.kind)")
        }
    }

    private static func languageModel(_ agent: AgentConfig) throws(Unavailable) -> any LanguageModel {
        guard let primary = agent.llm.first else { throw Unavailable(description: "agent \(agent.name) has no llm provider") }
        switch primary.kind {
        case .scripted:
            do {
                return try ScriptedLanguageModel(agent: agent, settings: primary)
            } catch {
                throw Unavailable(description: "llm scripted could not start: \(error)")
            }
        default:
            throw notYet("llm", "\(primary.kind)")
        }
    }

    private static func textToSpeech(_ agent: AgentConfig) throws(Unavailable) -> any TextToSpeech {
        guard let primary = agent.tts.first else { throw Unavailable(description: "agent \(agent.name) has no tts provider") }
        switch primary.kind {
        case .espeak:
            return EspeakTextToSpeech(configuration: .init(settings: primary, voice: agent.voice))
        default:
            throw notYet("tts", "\(primary.kind)")
        }
    }

    private static func notYet(_ layer: String, _ kind: String) -> Unavailable {
        Unavailable(description: "\(layer) provider \(kind) has no adapter in this build yet (offline providers only: "
                    + "pocketsphinx, scripted, espeak)")
    }
}
