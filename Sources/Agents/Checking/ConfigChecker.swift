/// What `switchboard check` does, without the printing: validates agent and server files (folders
/// stand for the YAML files in them; a server config brings its agents folder along) and reports
/// every problem with its location.
public struct ConfigChecker: Sendable {
    public let fileSystem: any ConfigFileSystem
    public let environment: [String: String]

    /// `environment` is where `${ENV_VAR}` references are looked up (the process environment in the
    /// CLI, a dictionary in tests).
    public init(fileSystem: any ConfigFileSystem, environment: [String: String]) {
        self.fileSystem = fileSystem
        self.environment = environment
    }

    /// Checks `paths` (files or folders).
    public func check(_ paths: [String]) -> CheckReport {
        let loader = ConfigSetLoader(fileSystem: fileSystem, environment: environment)
        for file in loader.expand(paths) { loader.load(file) }
        return CheckReport(files: loader.reportedFiles, problems: loader.problems, agents: loader.reportedAgents)
    }
}

/// An agent a check decoded, for further checks by the executable (building its provider adapters).
public struct CheckedAgent: Sendable {
    public var config: AgentConfig
    /// Where the agent's `name` is written: the location of problems found later.
    public var location: SourceLocation

    public init(config: AgentConfig, location: SourceLocation) {
        self.config = config
        self.location = location
    }
}

/// The outcome of a check: the files looked at and the problems found.
public struct CheckReport: Sendable {
    /// Every file whose problems are included, in the order reached.
    public var files: [String]
    /// Problems sorted by file, line and column.
    public var problems: [ConfigProblem]
    /// The agents that decoded without errors (their providers are checked by the executable).
    public var agents: [CheckedAgent]

    public init(files: [String], problems: [ConfigProblem], agents: [CheckedAgent] = []) {
        self.files = files
        self.problems = problems
        self.agents = agents
    }

    /// Adds problems found after decoding, keeping the order by file, line and column.
    public mutating func add(_ more: [ConfigProblem]) {
        problems = (problems + more).sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    public var errorCount: Int { problems.filter(\.isError).count }
    public var warningCount: Int { problems.count - errorCount }
    /// True when nothing is an error (warnings allowed).
    public var passed: Bool { errorCount == 0 }

    /// The last line `switchboard check` prints: `checked 2 files: 1 error, 1 warning`.
    public var summary: String {
        let files = "checked \(self.files.count) file\(self.files.count == 1 ? "" : "s")"
        guard !problems.isEmpty else { return "\(files): no problems" }
        let errors = "\(errorCount) error\(errorCount == 1 ? "" : "s")"
        let warnings = "\(warningCount) warning\(warningCount == 1 ? "" : "s")"
        return "\(files): \(errors), \(warnings)"
    }

    /// All output lines: one per problem, then the summary.
    public var lines: [String] { problems.map(\.description) + [summary] }
}
