import Agents
import Orchestrator
import Speech

/// Builds the providers of a call from its agent's YAML provider lists (routers with failover over
/// each list). Implemented by the executable, which knows the vendor adapters; tests pass fakes.
public protocol CallProvidersFactory: Sendable {
    /// The providers for one call answered by `agent`; throws when one cannot be built (an unknown or
    /// unavailable provider), which ends that call.
    func providers(for agent: AgentConfig) throws -> CallProviders

    /// The agent's canned phrases already synthesized in `format`, if any (shared by its calls so they
    /// play with every voice down); the session synthesizes the ones missing when answered.
    func cannedPhrases(for agent: AgentConfig, format: AudioFormat) -> CannedPhraseAudio?
}

extension CallProvidersFactory {
    /// No pre-synthesized phrases: each session synthesizes its own.
    public func cannedPhrases(for agent: AgentConfig, format: AudioFormat) -> CannedPhraseAudio? { nil }
}
