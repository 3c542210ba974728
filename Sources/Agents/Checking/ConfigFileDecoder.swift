import Yams

/// One configuration file, read and decoded as whichever kind it is.
enum DecodedFile {
    case server(DecodedServer)
    case agent(DecodedAgent)
    /// Unreadable, not UTF-8, empty, or not YAML: only problems.
    case broken([ConfigProblem])

    var problems: [ConfigProblem] {
        switch self {
        case .server(let server): return server.problems
        case .agent(let agent): return agent.problems
        case .broken(let problems): return problems
        }
    }
}

/// Reads a file through the injected file system and decodes it, telling server configs from agents
/// by their keys: a file with `listeners`, `agents_folder` or `routes` at the top is a server config.
struct ConfigFileDecoder {
    static let serverMarkerKeys: Set<String> = ["listeners", "agents_folder", "routes", "sip"]

    let fileSystem: any ConfigFileSystem
    let environment: [String: String]

    func decode(_ path: String) -> DecodedFile {
        let collector = ProblemCollector(file: path)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(path)
        } catch {
            collector.error(.unreadableFile, at: .wholeFile, "cannot read file: \(error)")
            return .broken(collector.problems)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            collector.error(.unreadableFile, at: .wholeFile, "file is not UTF-8 text")
            return .broken(collector.problems)
        }
        guard let root = YAMLDocument.compose(text, problems: collector) else { return .broken(collector.problems) }
        if Self.isServerConfig(root) {
            return .server(ServerDecoder(file: path, environment: environment).decode(root))
        }
        return .agent(AgentDecoder(file: path, environment: environment).decode(root, defaultName: ConfigPaths.baseName(path)))
    }

    static func isServerConfig(_ root: Node) -> Bool {
        guard case .mapping(let mapping) = root else { return false }
        return mapping.contains { serverMarkerKeys.contains($0.key.scalar?.string ?? "") }
    }
}
