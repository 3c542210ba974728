import Agents
import Logging
import Net
import Orchestrator
import Providers
import Speech

/// How `serve` sets up its providers: one factory over the server's `ProviderNetwork`, every agent's
/// adapters built at load (failures logged; those agents refuse calls), and canned phrases synthesized
/// in the background for 8 kHz linear16, the format of Twilio, SIP and 8 kHz PCM calls (other formats
/// are synthesized on their first call).
enum ProviderWiring {
    /// The format phrases are prepared in at load.
    static let warmPhraseFormat = AudioFormat(encoding: .linear16, sampleRate: .hz8000)

    static func factory(for deployment: Deployment, network: ProviderNetwork, logger: Logger) -> ExecutableProvidersFactory {
        let factory = ExecutableProvidersFactory(network: network, logger: logger)
        let agents = deployment.agents.values.sorted { $0.name < $1.name }
        factory.load(agents)
        for agent in agents { _ = factory.cannedPhrases(for: agent, format: warmPhraseFormat) }
        return factory
    }
}
