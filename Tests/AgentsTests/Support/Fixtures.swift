import Foundation
import Testing
@testable import Agents

/// Shared inputs and assertions for the Agents tests.
enum Fixtures {
    /// The smallest agent that loads cleanly: offline providers and one intent.
    static let minimalAgent = """
        name: test
        stt: [pocketsphinx]
        llm: [scripted]
        tts: [espeak]
        scripted:
          intents:
            - name: hi
              patterns: [hello]
              reply: Hi there.

        """

    /// The package root, found from this file's path (Tests/AgentsTests/Support/Fixtures.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The text of a file under the package root.
    static func packageFile(_ relativePath: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// Loads an agent from text as `agent.yaml`.
    static func agent(_ yaml: String, environment: [String: String] = [:]) -> LoadResult<AgentConfig> {
        AgentConfigLoader.load(yaml: yaml, file: "agent.yaml", environment: environment)
    }

    /// Loads a server config from text as `Config/switchboard.yaml`.
    static func server(_ yaml: String, environment: [String: String] = [:]) -> LoadResult<ServerConfig> {
        ServerConfigLoader.load(yaml: yaml, file: "Config/switchboard.yaml", environment: environment)
    }
}

/// Expects exactly one problem with `code` at `line:column` and returns it (for message checks).
@discardableResult
func expectProblem(_ problems: [ConfigProblem], _ code: ProblemCode, line: Int, column: Int,
                   severity: ConfigProblem.Severity = .error, containing text: String? = nil,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ConfigProblem? {
    let matching = problems.filter { $0.code == code }
    #expect(matching.count == 1, "expected one \(code) problem, got: \(problems.map(\.description))",
            sourceLocation: sourceLocation)
    guard let problem = matching.first else { return nil }
    #expect(problem.location.line == line && problem.location.column == column,
            "\(code) at \(problem.location), expected line \(line) column \(column): \(problem.message)",
            sourceLocation: sourceLocation)
    #expect(problem.severity == severity, "\(problem)", sourceLocation: sourceLocation)
    if let text {
        #expect(problem.message.contains(text), "\"\(problem.message)\" lacks \"\(text)\"", sourceLocation: sourceLocation)
    }
    return problem
}
