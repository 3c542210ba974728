/// What loading a configuration produced: the value when there are no errors, and every problem
/// found (warnings come with a value; errors mean no value).
public struct LoadResult<Value: Sendable>: Sendable {
    /// The configuration, or nil when any problem is an error.
    public var value: Value?
    /// All problems, in file and position order.
    public var problems: [ConfigProblem]

    /// Creates a result; `value` is dropped when `problems` contains an error.
    public init(value: Value?, problems: [ConfigProblem]) {
        self.problems = problems.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
        self.value = problems.contains(where: \.isError) ? nil : value
    }

    /// The problems that are errors.
    public var errors: [ConfigProblem] { problems.filter(\.isError) }
    /// The problems that are warnings.
    public var warnings: [ConfigProblem] { problems.filter { !$0.isError } }
}

/// Loads one agent file from text. Cross-file checks (hand-off targets) need the whole folder:
/// use `ConfigChecker` or `DeploymentLoader` for those.
public enum AgentConfigLoader {
    /// Decodes `yaml`, naming `file` in problems; `${ENV_VAR}` references are read from `environment`.
    /// The agent's name defaults to the file's base name.
    public static func load(yaml: String, file: String, environment: [String: String]) -> LoadResult<AgentConfig> {
        let decoded = decode(yaml: yaml, file: file, environment: environment)
        return LoadResult(value: decoded.config, problems: decoded.problems)
    }

    static func decode(yaml: String, file: String, environment: [String: String]) -> DecodedAgent {
        let decoder = AgentDecoder(file: file, environment: environment)
        let defaultName = ConfigPaths.baseName(file)
        guard let root = YAMLDocument.compose(yaml, problems: decoder.problems) else {
            return DecodedAgent(config: nil, name: defaultName, nameLocation: SourceLocation(file: file, line: 1, column: 1),
                                handoffs: [], problems: decoder.problems.problems)
        }
        return decoder.decode(root, defaultName: defaultName)
    }
}

/// Loads one server config file from text. Checking its routes against its agents folder needs the
/// folder: use `ConfigChecker` or `DeploymentLoader` for that.
public enum ServerConfigLoader {
    /// Decodes `yaml`, naming `file` in problems and resolving paths relative to `file`'s folder.
    public static func load(yaml: String, file: String, environment: [String: String]) -> LoadResult<ServerConfig> {
        let decoded = decode(yaml: yaml, file: file, environment: environment)
        return LoadResult(value: decoded.config, problems: decoded.problems)
    }

    static func decode(yaml: String, file: String, environment: [String: String]) -> DecodedServer {
        let decoder = ServerDecoder(file: file, environment: environment)
        guard let root = YAMLDocument.compose(yaml, problems: decoder.problems) else {
            return DecodedServer(config: nil, agentReferences: [], agentsFolder: nil, filesToCheck: [],
                                 problems: decoder.problems.problems)
        }
        return decoder.decode(root)
    }
}
