import Agents
import Providers
import Speech

/// The language model a chat uses: the agent's primary `llm` entry, built as the server builds it.
/// Only the offline `scripted` model exists in this build; any other kind is refused with a message.
enum ChatLanguageModel {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static func make(for agent: AgentConfig, callVariables: [String: String]) throws -> any LanguageModel {
        guard let entry = agent.llm.first else { throw Unavailable(description: "agent \"\(agent.name)\" has no llm") }
        guard entry.kind == .scripted else {
            throw Unavailable(description: "llm provider \"\(entry.kind.rawValue)\" is not available in this build; "
                              + "chat runs agents whose first llm is \"scripted\"")
        }
        do {
            return try ScriptedLanguageModel(agent: agent, settings: entry, callVariables: callVariables)
        } catch {
            throw Unavailable(description: "scripted llm: \(error)")
        }
    }
}
