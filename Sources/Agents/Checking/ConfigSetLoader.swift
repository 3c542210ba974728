/// Loads a set of configuration files the way `switchboard check` and `serve` see them: server
/// configs together with their agents folders, agent files together with the other agents of their
/// folder (hand-off targets), and the references between them checked.
final class ConfigSetLoader {
    let fileSystem: any ConfigFileSystem
    private let decoder: ConfigFileDecoder
    private var decoded: [String: DecodedFile] = [:]
    private var folders: [String: [String: DecodedAgent]] = [:]
    /// Files whose problems are reported, in the order they were first reached.
    private(set) var reportedFiles: [String] = []
    /// Problems not tied to one file's own content (missing paths, cross-file references).
    private var setProblems: [ConfigProblem] = []

    init(fileSystem: any ConfigFileSystem, environment: [String: String]) {
        self.fileSystem = fileSystem
        self.decoder = ConfigFileDecoder(fileSystem: fileSystem, environment: environment)
    }

    /// Every problem of the reported files and of the references between files, sorted.
    var problems: [ConfigProblem] {
        let own = reportedFiles.flatMap { decoded[$0]?.problems ?? [] }
        let shared = setProblems.filter { $0.location.line == 0 || reportedFiles.contains($0.location.file) }
        return (own + shared).sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    /// The agents of the reported files that decoded without errors, in report order.
    var reportedAgents: [CheckedAgent] {
        reportedFiles.compactMap { file in
            guard case .agent(let agent)? = decoded[file], let config = agent.config else { return nil }
            return CheckedAgent(config: config, location: agent.nameLocation)
        }
    }

    /// Files named by `paths`: a folder stands for the YAML files directly inside it.
    func expand(_ paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths.map(ConfigPaths.normalize) {
            switch fileSystem.kind(of: path) {
            case .file?: files.append(path)
            case .directory?: files += yamlFiles(in: path)
            case nil: setProblems.append(ConfigProblem(.error, .unreadableFile, at: .wholeFile(path), "no such file or directory"))
            }
        }
        return files
    }

    /// Decodes `path` (once) and everything it implies, marking it and its agents as reported.
    @discardableResult
    func load(_ path: String) -> DecodedFile {
        let file = file(path)
        markReported(path)
        switch file {
        case .server(let server): checkReferences(ofServer: server)
        case .agent: _ = agents(inFolder: ConfigPaths.directory(of: path))
        case .broken: break
        }
        return file
    }

    /// The decoded agents of a folder, by name.
    func agents(inFolder folder: String) -> [String: DecodedAgent] {
        if let cached = folders[folder] { return cached }
        var byName: [String: DecodedAgent] = [:]
        for path in yamlFiles(in: folder) {
            guard case .agent(let agent) = file(path) else { continue }
            if let first = byName[agent.name] {
                setProblems.append(ConfigProblem(.error, .duplicateAgent, at: agent.nameLocation, "agent \"\(agent.name)\" is "
                    + "also defined in \(first.nameLocation.file); agent names must be unique in a folder"))
                continue
            }
            byName[agent.name] = agent
        }
        folders[folder] = byName
        for agent in byName.values.sorted(by: { $0.name < $1.name }) {
            for reference in agent.handoffs {
                checkReference(reference, among: byName)
            }
        }
        return byName
    }

    private func checkReferences(ofServer server: DecodedServer) {
        for file in server.filesToCheck where fileSystem.kind(of: file.path) != .file {
            setProblems.append(ConfigProblem(.error, .unreadableFile, at: file.location, "file \"\(file.path)\" does not exist"))
        }
        guard let folder = server.agentsFolder else { return }
        guard fileSystem.kind(of: folder.path) == .directory else {
            setProblems.append(ConfigProblem(.error, .unreadableFile, at: folder.location,
                                             "agents folder \"\(folder.path)\" does not exist"))
            return
        }
        let agents = agents(inFolder: folder.path)
        for path in yamlFiles(in: folder.path) {
            if case .server = file(path) { continue }
            markReported(path)
        }
        if agents.isEmpty {
            setProblems.append(ConfigProblem(.error, .unknownAgent, at: folder.location,
                                             "agents folder \"\(folder.path)\" has no agent files (*.yaml, *.yml)"))
        }
        for reference in server.agentReferences {
            checkReference(reference, among: agents)
        }
    }

    private func checkReference(_ reference: AgentReference, among agents: [String: DecodedAgent]) {
        guard agents[reference.name] == nil else { return }
        let names = agents.keys.sorted()
        setProblems.append(ConfigProblem(.error, .unknownAgent, at: reference.location,
            "\(reference.referrer) names agent \"\(reference.name)\", which is not in the agents folder"
            + (names.isEmpty ? "" : " (agents: \(names.joined(separator: ", ")))") + DidYouMean.hint(for: reference.name, among: names)))
    }

    private func file(_ path: String) -> DecodedFile {
        if let cached = decoded[path] { return cached }
        let file = decoder.decode(path)
        decoded[path] = file
        return file
    }

    private func markReported(_ path: String) {
        if !reportedFiles.contains(path) { reportedFiles.append(path) }
    }

    private func yamlFiles(in folder: String) -> [String] {
        let names = (try? fileSystem.entryNames(in: folder)) ?? []
        return names.filter(ConfigPaths.isYAML).sorted().map { ConfigPaths.resolve($0, against: folder) }
            .filter { fileSystem.kind(of: $0) == .file }
    }
}
