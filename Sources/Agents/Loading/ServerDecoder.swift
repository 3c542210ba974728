import Yams

/// The outcome of decoding a server config file: the config (nil when it has errors), the agent
/// names it refers to, its resolved agents folder, and files it names that must exist.
struct DecodedServer {
    var config: ServerConfig?
    var agentReferences: [AgentReference]
    /// The resolved agents folder and where it is written (nil location: the default was used).
    var agentsFolder: (path: String, location: SourceLocation)?
    /// Files (TLS certificate and key) to check for existence, with where they are named.
    var filesToCheck: [(path: String, location: SourceLocation)]
    var problems: [ConfigProblem]
}

/// Decodes a server config's node tree into a `ServerConfig`, collecting every problem.
final class ServerDecoder {
    static let topLevelKeys = ["listeners", "tls", "limits", "agents_folder", "routes", "default_agent", "logging", "twilio", "sip", "api"]

    let problems: ProblemCollector
    let environment: [String: String]
    var agentReferences: [AgentReference] = []
    var filesToCheck: [(path: String, location: SourceLocation)] = []
    /// The folder of the server config file, against which relative paths resolve.
    var baseFolder: String { ConfigPaths.directory(of: problems.file) }

    init(file: String, environment: [String: String]) {
        self.problems = ProblemCollector(file: file)
        self.environment = environment
    }

    func decode(_ root: Node) -> DecodedServer {
        guard let map = MappingReader(root, path: "", keys: Self.topLevelKeys, problems: problems) else {
            return DecodedServer(config: nil, agentReferences: [], agentsFolder: nil, filesToCheck: [], problems: problems.problems)
        }
        var config = ServerConfig()
        config.listeners = readListeners(map)
        config.tls = readTLS(map)
        config.limits = readLimits(map)
        let folderNode = map.node("agents_folder")
        let folderText = folderNode.flatMap { problems.nonEmptyString($0, "agents_folder") } ?? config.agentsFolder
        config.agentsFolder = ConfigPaths.resolve(folderText, against: baseFolder)
        config.routes = readRoutes(map)
        if let node = map.node("default_agent"), let name = problems.nonEmptyString(node, "default_agent") {
            config.defaultAgent = name
            agentReferences.append(AgentReference(name: name, referrer: "default_agent", location: sourceLocation(node.location)))
        }
        config.logging = readLogging(map)
        config.twilio = readTwilio(map)
        config.sip = readSIP(map, hasTLS: config.tls != nil)
        config.apiToken = readAPIToken(map)
        if config.routes.isEmpty, config.defaultAgent == nil, config.sip == nil {
            problems.warning(.ineffectiveSetting, at: map.location, "no routes and no default_agent: every call will be refused")
        }
        let folderLocation = sourceLocation(folderNode?.location ?? map.location)
        return DecodedServer(config: problems.hasErrors ? nil : config, agentReferences: agentReferences,
                             agentsFolder: (config.agentsFolder, folderLocation), filesToCheck: filesToCheck,
                             problems: problems.problems)
    }

    func sourceLocation(_ location: Location) -> SourceLocation {
        SourceLocation(file: problems.file, line: location.line, column: location.column)
    }

    private func readListeners(_ map: MappingReader) -> ServerConfig.Listeners {
        var listeners = ServerConfig.Listeners()
        guard let node = map.node("listeners"),
              let reader = MappingReader(node, path: "listeners", keys: ["http", "metrics"], problems: problems) else { return listeners }
        var httpIsValid = true
        if let node = reader.node("http") {
            if let parsed = address(node, reader.name("http")) { listeners.http = parsed } else { httpIsValid = false }
        }
        listeners.metrics = reader.node("metrics").flatMap { address($0, reader.name("metrics")) }
        if httpIsValid, let metrics = listeners.metrics, metrics == listeners.http, let at = reader.node("metrics")?.location {
            problems.error(.invalidValue, at: at, "\"listeners.metrics\" must differ from listeners.http (\(metrics))")
        }
        return listeners
    }

    private func address(_ node: Node, _ what: String) -> ListenAddress? {
        guard let text = problems.nonEmptyString(node, what) else { return nil }
        guard let address = ListenAddress(parsing: text) else {
            problems.error(.invalidValue, at: node.location, "\"\(what)\" is \"\(text)\", but must be host:port "
                + "(such as 127.0.0.1:8080, [::1]:8080 or :8080) with a port from 0 to 65535")
            return nil
        }
        return address
    }

    private func readTLS(_ map: MappingReader) -> ServerConfig.TLS? {
        guard let node = map.node("tls"),
              let tls = MappingReader(node, path: "tls", keys: ["certificate", "private_key"], problems: problems) else { return nil }
        let certificate = tls.required("certificate", "PEM certificate chain file").flatMap { file($0, tls.name("certificate")) }
        let key = tls.required("private_key", "PEM private key file").flatMap { file($0, tls.name("private_key")) }
        guard let certificate, let key else { return nil }
        return ServerConfig.TLS(certificatePath: certificate, privateKeyPath: key)
    }

    private func file(_ node: Node, _ what: String) -> String? {
        guard let text = problems.nonEmptyString(node, what) else { return nil }
        let path = ConfigPaths.resolve(text, against: baseFolder)
        filesToCheck.append((path, sourceLocation(node.location)))
        return path
    }

    private func readLimits(_ map: MappingReader) -> ServerConfig.Limits {
        let defaults = ServerConfig.Limits()
        guard let node = map.node("limits"),
              let limits = MappingReader(node, path: "limits", keys: ["max_calls", "max_websocket_message_bytes", "http_per_source"],
                                         problems: problems) else { return defaults }
        var result = ServerConfig.Limits(
            maxCalls: limits.int("max_calls", in: ServerConfig.Limits.maxCallsRange) ?? defaults.maxCalls,
            maxWebSocketMessageBytes: limits.int("max_websocket_message_bytes", in: ServerConfig.Limits.maxWebSocketMessageBytesRange,
                                                 unit: "bytes") ?? defaults.maxWebSocketMessageBytes)
        if let node = limits.node("http_per_source") { result.httpPerSource = readHTTPPerSource(node, limits.name("http_per_source")) }
        return result
    }

    private func readLogging(_ map: MappingReader) -> ServerConfig.Logging {
        let defaults = ServerConfig.Logging()
        guard let node = map.node("logging"),
              let logging = MappingReader(node, path: "logging", keys: ["level", "redact_transcripts"], problems: problems) else {
            return defaults
        }
        return ServerConfig.Logging(
            level: logging.node("level").flatMap { problems.choice($0, "logging.level", as: LogLevel.self) } ?? defaults.level,
            redactTranscripts: logging.bool("redact_transcripts") ?? defaults.redactTranscripts)
    }

    private func readTwilio(_ map: MappingReader) -> ServerConfig.Twilio? {
        guard let node = map.node("twilio"),
              let twilio = MappingReader(node, path: "twilio", keys: ["auth_token", "public_url"], problems: problems) else { return nil }
        let token = twilio.required("auth_token", "the account's auth token, written as ${ENV_VAR}")
            .flatMap { problems.secret($0, twilio.name("auth_token"), environment: environment) }
        let publicURL = twilio.node("public_url").flatMap { problems.expandedString($0, twilio.name("public_url"), environment: environment) }
        if let publicURL, !["ws://", "wss://", "http://", "https://"].contains(where: publicURL.lowercased().hasPrefix),
           let at = twilio.node("public_url")?.location {
            problems.error(.invalidValue, at: at, "\"twilio.public_url\" must start with wss://, ws://, https:// or http://")
        }
        return token.map { ServerConfig.Twilio(authToken: $0, publicURL: publicURL) }
    }
}
