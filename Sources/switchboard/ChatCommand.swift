import Agents
import ArgumentParser
import Foundation
import Orchestrator

/// `switchboard chat [AGENT_OR_FILE] [--config FILE]`: talk to an agent by typing. Runs the same
/// orchestrator as a call (turn-taking, history, tools, the agent's language model) with typed text
/// in and printed text out, for working on prompts. Reads standard input (a terminal or a pipe).
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk to an agent by typing (the real orchestrator and language model; no audio).",
        discussion: """
            AGENT_OR_FILE is an agent file (YAML) or the name of an agent of the deployment (--config, \
            else the embedded defaults); without it, the deployment's default agent. End of input hangs up.
            """)

    @Argument(help: "An agent file, or an agent name in the deployment.")
    var agentOrFile: String?

    @Option(name: .customLong("config"), help: "Server config file (YAML) whose agents to use.")
    var configPath: String?

    @Option(name: .customLong("voice"), help: "silent (prints the agent's sentences) or espeak (the agent's espeak TTS, really synthesized; nothing printed per sentence).")
    var voice: ChatVoice = .silent

    @Flag(name: .customLong("timings"), help: "Print each answered turn's voice-to-voice latency and orchestration overhead.")
    var timings = false

    func run() async throws {
        let output = ChatOutput()
        let agent: AgentConfig
        do {
            agent = try ChatAgentLoader(configPath: configPath).agent(agentOrFile)
        } catch {
            output.line("chat: \(error)")
            throw ExitCode.failure
        }
        output.line("[chat with \(agent.name); end of input hangs up]")
        let record: CallRecord?
        do {
            record = try await ChatConversation(agent: agent, voice: voice, output: output)
                .run(lines: StandardInputLines.stream(), interactive: StandardInputLines.isInteractive)
        } catch {
            output.line("chat: \(error)")
            throw ExitCode.failure
        }
        guard let record else { return }
        let callerTurns = record.timeline.filter { if case .userTurn = $0 { true } else { false } }.count
        let seconds = record.duration / .seconds(1)
        output.line("[call ended: \(record.endReason.rawValue); \(record.turns.count) agent turns, "
                    + "\(callerTurns) caller turns, \(String(format: "%.1f", seconds)) s]")
        guard timings else { return }
        func milliseconds(_ duration: Duration?) -> String {
            duration.map { String(format: "%.3f", $0 / .milliseconds(1)) } ?? "-"
        }
        for turn in record.turns where turn.voiceToVoice != nil {
            output.line("[turn \(turn.turn): voice_to_voice_ms=\(milliseconds(turn.voiceToVoice)) "
                        + "overhead_ms=\(milliseconds(turn.orchestrationOverhead)) provider_wait_ms=\(milliseconds(turn.providerWait))]")
        }
    }
}

/// The agent's voice in a chat.
enum ChatVoice: String, ExpressibleByArgument, CaseIterable {
    /// Silent audio as long as the text would take to say; sentences are printed as they play.
    case silent
    /// The agent's first TTS entry when it is espeak (real synthesis, for timings).
    case espeak
}

/// Finds the agent a chat talks to: an agent file on disk, or an agent of a deployment.
struct ChatAgentLoader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var configPath: String?
    private let environment = ProcessInfo.processInfo.environment

    func agent(_ agentOrFile: String?) throws -> AgentConfig {
        if let agentOrFile, configPath == nil, FileManager.default.fileExists(atPath: agentOrFile) {
            return try agentFile(agentOrFile)
        }
        let result = if let configPath {
            DeploymentLoader.load(serverConfigAt: configPath, fileSystem: LocalConfigFileSystem(), environment: environment)
        } else {
            DeploymentLoader.load(serverConfigAt: EmbeddedDefaults.serverConfigPath, fileSystem: EmbeddedDefaults.fileSystem,
                                  environment: environment)
        }
        guard let deployment = result.value else { throw Failure(description: problems(result.problems)) }
        guard let name = agentOrFile ?? deployment.server.defaultAgent else {
            throw Failure(description: "no agent named and the deployment has no default_agent")
        }
        guard let agent = deployment.agents[name] else {
            throw Failure(description: "no agent \"\(name)\" (agents: \(deployment.agents.keys.sorted().joined(separator: ", ")))")
        }
        return agent
    }

    private func agentFile(_ path: String) throws -> AgentConfig {
        guard let yaml = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure(description: "cannot read \(path)")
        }
        let result = AgentConfigLoader.load(yaml: yaml, file: path, environment: environment)
        guard let agent = result.value else { throw Failure(description: problems(result.problems)) }
        return agent
    }

    private func problems(_ problems: [ConfigProblem]) -> String {
        "configuration has errors:\n" + problems.map(\.description).joined(separator: "\n")
    }
}
