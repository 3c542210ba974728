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

    /// Like `cannedPhrases(for:format:)`, plus the audio of `greeting` (the call's rendered greeting) as
    /// `CannedPhrase.greeting` when it is already synthesized; a factory that caches greetings starts
    /// synthesizing a new one here, for the next call with the same text.
    func cannedPhrases(for agent: AgentConfig, format: AudioFormat, greeting: String?) -> CannedPhraseAudio?
}

extension CallProvidersFactory {
    /// No pre-synthesized phrases: each session synthesizes its own.
    public func cannedPhrases(for agent: AgentConfig, format: AudioFormat) -> CannedPhraseAudio? { nil }

    /// No greeting cache: the agent's phrases only.
    public func cannedPhrases(for agent: AgentConfig, format: AudioFormat, greeting: String?) -> CannedPhraseAudio? {
        cannedPhrases(for: agent, format: format)
    }
}
