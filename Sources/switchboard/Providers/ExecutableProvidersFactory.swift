import Agents
import Logging
import Orchestrator
import Providers
import Speech
import Synchronization
import Telephony

/// Builds every call's providers from its agent's `CallProvidersPlan`. Each agent's adapters are built
/// once (`load` at startup, else its first call) over the server's one `ProviderNetwork` and shared by its
/// calls; each call gets fresh routing, metering and shadow wrappers around them (`AgentProviderSet`).
/// An agent whose adapters cannot be built (a missing `api_key`, a bad setting, a kind with no adapter)
/// is logged at load and each of its calls is refused with that reason (1011); other agents are unaffected.
/// Canned phrases are synthesized once per agent and format through the agent's voices with espeak-ng
/// last (`CannedPhraseCache`), so recovery and goodbye phrases exist with every cloud voice down.
final class ExecutableProvidersFactory: CallProvidersFactory {
    /// Why an agent's providers could not be built.
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    private struct PhraseKey: Hashable {
        var agent: String
        var format: AudioFormat
    }

    private let network: ProviderNetwork
    private let logger: Logger
    private let breakers = CircuitBreakerRegistry(clock: .continuous())
    private let sets = Mutex<[String: Result<AgentProviderSet, Unavailable>]>([:])
    private let phraseCache = CannedPhraseCache()
    private let phrases = Mutex<(ready: [PhraseKey: CannedPhraseAudio], pending: Set<PhraseKey>)>(([:], []))
    private struct GreetingKey: Hashable {
        var agent: String
        var format: AudioFormat
        var text: String
    }
    private let greetings = Mutex<(ready: [GreetingKey: [AudioChunk]], pending: Set<GreetingKey>)>(([:], []))

    init(network: ProviderNetwork, logger: Logger) {
        self.network = network
        self.logger = logger
    }

    /// Builds the adapters of every agent now and logs the agents that cannot take calls.
    func load(_ agents: some Sequence<AgentConfig>) {
        for agent in agents {
            if case .failure(let error) = providerSet(for: agent) {
                logger.error("agent cannot take calls: \(error)", metadata: ["agent": "\(agent.name)"])
            }
        }
    }

    func providers(for agent: AgentConfig) throws -> CallProviders {
        try providerSet(for: agent).get().callProviders()
    }

    func cannedPhrases(for agent: AgentConfig, format: AudioFormat) -> CannedPhraseAudio? {
        let key = PhraseKey(agent: agent.name, format: format)
        let (ready, start) = phrases.withLock { state -> (CannedPhraseAudio?, Bool) in
            if let ready = state.ready[key], ready.missingPhrases.isEmpty { return (ready, false) }
            return (state.ready[key], state.pending.insert(key).inserted)
        }
        if start { Task { _ = await self.synthesizePhrases(for: agent, format: format) } }
        return ready
    }

    /// The agent's phrases plus the rendered greeting's audio once synthesized (through the agent's
    /// voices with espeak-ng last). A greeting not synthesized yet is started now for the next call with
    /// the same text; this call says it through its TTS.
    func cannedPhrases(for agent: AgentConfig, format: AudioFormat, greeting: String?) -> CannedPhraseAudio? {
        let agentPhrases = cannedPhrases(for: agent, format: format)
        guard let greeting, !greeting.isEmpty else { return agentPhrases }
        let key = GreetingKey(agent: agent.name, format: format, text: greeting)
        let (ready, start) = greetings.withLock { state -> ([AudioChunk]?, Bool) in
            if let ready = state.ready[key] { return (ready, false) }
            return (nil, state.pending.insert(key).inserted)
        }
        if start { Task { _ = await self.synthesizeGreeting(greeting, for: agent, format: format) } }
        guard let ready else { return agentPhrases }
        var audio = agentPhrases ?? CannedPhraseAudio(format: format)
        audio.set(ready, for: .greeting)
        return audio
    }

    /// Synthesizes (or returns the cached) audio of a rendered greeting of `agent` in `format`.
    func synthesizeGreeting(_ text: String, for agent: AgentConfig, format: AudioFormat) async -> [AudioChunk]? {
        let key = GreetingKey(agent: agent.name, format: format, text: text)
        guard case .success(let set) = providerSet(for: agent) else { return nil }
        let configuration = CallSessionConfiguration(agent: agent, callID: "greeting", variables: [:],
                                                     inputFormat: format, outputFormat: format)
        let audio = await phraseCache.greetingAudio(text: text, voice: configuration.voice, format: format,
                                                    language: configuration.language, using: set.phraseVoice)
        greetings.withLock { state in
            if let audio {
                if state.ready.count >= CannedPhraseCache.maximumGreetings { state.ready.removeAll() }
                state.ready[key] = audio
            }
            state.pending.remove(key)
        }
        if audio == nil { logger.warning("greeting could not be synthesized", metadata: ["agent": "\(agent.name)"]) }
        return audio
    }

    /// Synthesizes (or returns the cached) canned phrases of `agent` in `format`; later calls get them
    /// from `cannedPhrases(for:format:)`.
    func synthesizePhrases(for agent: AgentConfig, format: AudioFormat) async -> CannedPhraseAudio? {
        let key = PhraseKey(agent: agent.name, format: format)
        guard case .success(let set) = providerSet(for: agent) else { return nil }
        let configuration = CallSessionConfiguration(agent: agent, callID: "phrases", variables: [:],
                                                     inputFormat: format, outputFormat: format)
        let audio = await phraseCache.audio(for: configuration.turn.phrases, voice: configuration.voice, format: format,
                                            language: configuration.language, using: set.phraseVoice)
        phrases.withLock { state in
            state.ready[key] = audio
            state.pending.remove(key)
        }
        if !audio.missingPhrases.isEmpty {
            logger.warning("canned phrases missing: \(audio.missingPhrases)", metadata: ["agent": "\(agent.name)"])
        }
        return audio
    }

    private func providerSet(for agent: AgentConfig) -> Result<AgentProviderSet, Unavailable> {
        if let built = sets.withLock({ $0[agent.name] }) { return built }
        let result: Result<AgentProviderSet, Unavailable>
        do {
            result = .success(try AgentProviderSet(agent: agent, network: network, breakers: breakers, logger: logger))
        } catch {
            result = .failure(Unavailable(description: "agent \(agent.name): \(error)"))
        }
        return sets.withLock { sets in
            if let raced = sets[agent.name] { return raced }
            sets[agent.name] = result
            return result
        }
    }
}
