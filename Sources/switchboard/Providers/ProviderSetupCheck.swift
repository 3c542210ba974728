import Agents
import Net
import Logging
import Providers
import Speech

/// `switchboard check`'s last step: builds every decoded agent's provider adapters as `serve` would, so
/// a missing `api_key` variable, a setting an adapter refuses or a kind with no adapter in this build is
/// reported as an error at the agent's `name` (nothing is sent to any provider).
enum ProviderSetupCheck {
    static func problems(of agents: [CheckedAgent], network: ProviderNetwork) -> [ConfigProblem] {
        agents.compactMap { checked in
            let agent = checked.config
            do {
                _ = try AgentProviderSet(agent: agent, network: network, breakers: CircuitBreakerRegistry(clock: .continuous()),
                                         logger: .init(label: "switchboard.check"))
                return nil
            } catch {
                return ConfigProblem(.error, .invalidValue, at: checked.location,
                                     "agent \"\(agent.name)\" cannot take calls: provider \(error)")
            }
        }
    }
}
