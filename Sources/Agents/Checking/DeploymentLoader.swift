/// A server config with all its agents, ready to serve: what `switchboard serve` runs.
public struct Deployment: Sendable {
    /// Where the server config was read from.
    public var serverConfigPath: String
    public var server: ServerConfig
    /// The agents of the agents folder, by name.
    public var agents: [String: AgentConfig]

    public init(serverConfigPath: String, server: ServerConfig, agents: [String: AgentConfig]) {
        self.serverConfigPath = serverConfigPath
        self.server = server
        self.agents = agents
    }

    /// The agent for a call, following `ServerConfig.agentName(path:calledNumber:streamParameters:)`.
    public func agent(path: String?, calledNumber: String?, streamParameters: [String: String]) -> AgentConfig? {
        server.agentName(path: path, calledNumber: calledNumber, streamParameters: streamParameters).flatMap { agents[$0] }
    }
}

/// Loads a `Deployment` from a server config path, with every check `switchboard check` makes.
public enum DeploymentLoader {
    /// The deployment, or the problems that prevent it (warnings come along either way).
    public static func load(serverConfigAt path: String, fileSystem: any ConfigFileSystem,
                            environment: [String: String]) -> LoadResult<Deployment> {
        let loader = ConfigSetLoader(fileSystem: fileSystem, environment: environment)
        let path = ConfigPaths.normalize(path)
        guard fileSystem.kind(of: path) == .file else {
            return LoadResult(value: nil, problems: [ConfigProblem(.error, .unreadableFile, at: .wholeFile(path),
                                                                   "no such file")])
        }
        let file = loader.load(path)
        var problems = loader.problems
        guard case .server(let server) = file else {
            if case .agent = file {
                problems.append(ConfigProblem(.error, .missingField, at: SourceLocation(file: path, line: 1, column: 1),
                                              "this is an agent file; a server config has listeners, agents_folder or routes"))
            }
            return LoadResult(value: nil, problems: problems)
        }
        let folder = server.agentsFolder?.path ?? ""
        let agents = loader.agents(inFolder: folder).compactMapValues(\.config)
        let deployment = server.config.map { Deployment(serverConfigPath: path, server: $0, agents: agents) }
        return LoadResult(value: deployment, problems: problems)
    }
}
