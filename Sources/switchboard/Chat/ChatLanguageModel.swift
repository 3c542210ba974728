import Agents
import Logging
import Providers
import Speech

/// The language model a chat uses: the agent's `llm` layer built exactly as `serve` builds it
/// (`AgentProviderSet`: adapters by kind, fallback routing, tiers, shadow, metering), over a
/// `ProviderNetwork` of the chat's own loop. The offline `scripted` model needs no network or key.
enum ChatLanguageModel {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func make(for agent: AgentConfig, callVariables: [String: String], network: ProviderNetwork,
                     usage: CallUsage, shadows: ShadowReportLog) throws -> any LanguageModel {
        guard !agent.llm.isEmpty else { throw Unavailable(description: "agent \"\(agent.name)\" has no llm") }
        do {
            let set = try AgentProviderSet(agent: agent, network: network, breakers: CircuitBreakerRegistry(clock: .continuous()),
                                           logger: Logger(label: "switchboard.chat"), layers: [.languageModel],
                                           scriptedVariables: callVariables)
            return set.callLanguageModel(usage: usage, shadows: shadows)
        } catch {
            throw Unavailable(description: "llm \(error)")
        }
    }
}
