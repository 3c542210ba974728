import Agents
import Logging
import Net
import Orchestrator
import Providers
import Speech

/// How `serve` sets up its providers: one factory over the server's `ProviderNetwork`, every agent's
/// adapters built at load (failures logged; those agents refuse calls), and canned phrases synthesized
/// in the background for linear16 at 8 kHz (Twilio, SIP, 8 kHz PCM) and 16 kHz (16 kHz PCM); other
/// formats are prepared on their first call.
enum ProviderWiring {
    /// The formats phrases are prepared in at load.
    static let warmPhraseFormats = [AudioFormat(encoding: .linear16, sampleRate: .hz8000),
                                    AudioFormat(encoding: .linear16, sampleRate: .hz16000)]

    static func factory(for deployment: Deployment, network: ProviderNetwork, logger: Logger) -> ExecutableProvidersFactory {
        let factory = ExecutableProvidersFactory(network: network, logger: logger)
        let agents = deployment.agents.values.sorted { $0.name < $1.name }
        factory.load(agents)
        for agent in agents {
            for format in warmPhraseFormats { _ = factory.cannedPhrases(for: agent, format: format) }
        }
        return factory
    }
}
