import Agents
import ArgumentParser
import Foundation
import Net
import Providers

/// `switchboard check PATH…`: validates agent and server config files and prints every problem as
/// `file:line:column: error: message`, then a summary; exits non-zero when any problem is an error.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate agent and server config files (folders stand for the *.yaml files in them).",
        discussion: """
            A server config also checks the agents in its agents_folder. ${ENV_VAR} references must be \
            set in the environment. Each agent's provider adapters are then built (nothing is sent): a \
            missing api_key or a setting an adapter refuses is an error. Exit status: 0 when no problem is an error, 1 otherwise.
            """)

    @Argument(help: "Config files or folders, e.g. Config or Config/agents/receptionist.yaml.")
    var paths: [String]

    @Flag(name: .customLong("warnings-as-errors"), help: "Exit non-zero on warnings too.")
    var warningsAsErrors = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or folder to check") }
    }

    func run() async throws {
        let checker = ConfigChecker(fileSystem: LocalConfigFileSystem(), environment: ProcessInfo.processInfo.environment)
        var report = checker.check(paths)
        if !report.agents.isEmpty {
            let loops = try EventLoopGroup(loopCount: 1, name: "sb-check")
            let http = try StreamingHTTPClient()
            report.add(ProviderSetupCheck.problems(of: report.agents, network: ProviderNetwork(loops: loops, http: http)))
            http.shutdown()
            await loops.shutdownGracefully()
        }
        for line in report.lines { print(line) }
        if !report.passed || (warningsAsErrors && report.warningCount > 0) {
            throw ExitCode.failure
        }
    }
}
