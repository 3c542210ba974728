import Agents
import Speech

/// The shipped example agent (`Config/agents/receptionist.yaml`, embedded in the binary) as tests use it.
enum Receptionist {
    static let agent: AgentConfig = {
        let result = AgentConfigLoader.load(yaml: EmbeddedDefaults.receptionistAgentYAML,
                                            file: EmbeddedDefaults.receptionistAgentPath, environment: [:])
        guard let agent = result.value, result.errors.isEmpty else {
            fatalError("the embedded receptionist does not load: \(result.errors)")
        }
        return agent
    }()

    static var dialogue: ScriptedDialogue { agent.scripted! }

    /// The rendered reply of intent `name` with the agent's default variables plus `extra`.
    static func reply(_ name: String, _ extra: [String: String] = [:]) -> String {
        let intent = dialogue.intents.first { $0.name == name }!
        return intent.reply.render(agent.initialVariables.merging(extra) { _, new in new })
    }

    static var fallback: String { dialogue.fallbackReply.render(agent.initialVariables) }
}

/// Collects every event of a stream (tests bound the time with `withTimeout`).
func collect<Element: Sendable>(_ stream: AsyncStream<Element>) async -> [Element] {
    var events: [Element] = []
    for await event in stream { events.append(event) }
    return events
}

/// Runs `body`, failing the test with `TimedOut` if it takes longer than `limit` (a hang guard, never a
/// speed assertion: limits are generous).
func withTimeout<T: Sendable>(_ limit: Duration = .seconds(60), _ what: String = "operation",
                              _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        guard let first = try await group.next(), let value = first else {
            group.cancelAll()
            throw TimedOut(what: what, limit: limit)
        }
        group.cancelAll()
        return value
    }
}

struct TimedOut: Error, CustomStringConvertible {
    var what: String
    var limit: Duration
    var description: String { "\(what) did not finish within \(limit)" }
}
