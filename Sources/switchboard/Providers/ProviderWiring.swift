import Agents
import Logging
import Net
import Orchestrator
import Providers
import Speech

/// How `serve` sets up its providers: one factory over the server's `ProviderNetwork`, every agent's
/// adapters built at load (failures logged; those agents refuse calls), and canned phrases synthesized
/// for linear16 at 8 kHz (Twilio, SIP, 8 kHz PCM) and 16 kHz (16 kHz PCM) before the server reports
/// ready (with the greeting of agents whose greeting has no variables), for at most `phraseWarmUpLimit` (what is not done by then finishes in the background); other
/// formats are prepared on their first call.
enum ProviderWiring {
    /// The formats phrases are prepared in at load.
    static let warmPhraseFormats = [AudioFormat(encoding: .linear16, sampleRate: .hz8000),
                                    AudioFormat(encoding: .linear16, sampleRate: .hz16000)]
    /// How long startup waits for canned phrases: enough for a cloud voice and the espeak-ng fallback,
    /// short enough that a hung provider does not hold the server back.
    static let phraseWarmUpLimit: Duration = .seconds(5)

    static func factory(for deployment: Deployment, network: ProviderNetwork, logger: Logger) async -> ExecutableProvidersFactory {
        let factory = ExecutableProvidersFactory(network: network, logger: logger)
        let agents = deployment.agents.values.sorted { $0.name < $1.name }
        factory.load(agents)
        let warming = Task {
            await withTaskGroup(of: Void.self) { group in
                for agent in agents {
                    for format in warmPhraseFormats {
                        group.addTask { _ = await factory.synthesizePhrases(for: agent, format: format) }
                        // A greeting without variables is the same on every call: ready for the first.
                        if let greeting = agent.greeting, greeting.variableNames.isEmpty {
                            let text = greeting.render([:])
                            if !text.isEmpty {
                                group.addTask { _ = await factory.synthesizeGreeting(text, for: agent, format: format) }
                            }
                        }
                    }
                }
            }
        }
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await warming.value; return true }
            group.addTask {
                try? await Task.sleep(for: phraseWarmUpLimit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !finished { logger.warning("canned phrases still being synthesized after \(phraseWarmUpLimit); continuing") }
        return factory
    }
}
