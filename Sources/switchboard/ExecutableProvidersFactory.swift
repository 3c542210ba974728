import Agents
import Orchestrator
import Telephony

/// Builds a call's providers from its agent's provider lists. The vendor and offline adapters
/// (`Providers`) are not merged yet: every call fails with a clear "provider not available" error,
/// which ends that call with 1011 and a logged reason.
struct ExecutableProvidersFactory: CallProvidersFactory {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    func providers(for agent: AgentConfig) throws -> CallProviders {
        let first = agent.stt.first.map { "stt \($0.kind)" } ?? "stt (none)"
        throw Unavailable(description: "provider \(first) not available in this build (Providers target not merged yet)")
    }
}
