import Agents
import ArgumentParser
import Foundation

/// `switchboard check PATH…`: validates agent and server config files and prints every problem as
/// `file:line:column: error: message`, then a summary; exits non-zero when any problem is an error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate agent and server config files (folders stand for the *.yaml files in them).",
        discussion: """
            A server config also checks the agents in its agents_folder. ${ENV_VAR} references must be \
            set in the environment. Exit status: 0 when no problem is an error, 1 otherwise.
            """)

    @Argument(help: "Config files or folders, e.g. Config or Config/agents/receptionist.yaml.")
    var paths: [String]

    @Flag(name: .customLong("warnings-as-errors"), help: "Exit non-zero on warnings too.")
    var warningsAsErrors = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or folder to check") }
    }

    func run() throws {
        let checker = ConfigChecker(fileSystem: LocalConfigFileSystem(), environment: ProcessInfo.processInfo.environment)
        let report = checker.check(paths)
        for line in report.lines { print(line) }
        if !report.passed || (warningsAsErrors && report.warningCount > 0) {
            throw ExitCode.failure
        }
    }
}
