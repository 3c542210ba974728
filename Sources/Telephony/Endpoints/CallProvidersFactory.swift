import Agents
import Orchestrator

/// Builds the providers of a call from its agent's YAML provider lists (routers with failover over
/// each list). Implemented by the executable, which knows the vendor adapters; tests pass fakes.
public protocol CallProvidersFactory: Sendable {
    /// The providers for one call answered by `agent`; throws when one cannot be built (an unknown or
    /// unavailable provider), which ends that call.
    func providers(for agent: AgentConfig) throws -> CallProviders
}
