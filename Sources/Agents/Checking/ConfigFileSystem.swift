/// Limits that apply to configuration files wherever they are read from.
public enum ConfigFileLimits {
    /// Largest configuration file accepted: agent files are a few KiB; this stops a mistaken path (a
    /// log, a recording) from being read and composed into memory.
    public static let maxFileBytes = 1_048_576
}

/// What a path names.
public enum ConfigFileKind: Sendable, Hashable {
    case file
    case directory
}

/// The file access configuration checking needs, injected so the `Agents` target does no I/O of its
/// own: the executable passes one backed by the disk, tests and the embedded defaults pass an
/// `InMemoryConfigFileSystem`.
public protocol ConfigFileSystem: Sendable {
    /// Whether `path` is a file, a directory, or nothing.
    func kind(of path: String) -> ConfigFileKind?
    /// The names (not paths) of the entries of a directory.
    func entryNames(in directory: String) throws -> [String]
    /// The bytes of a file.
    func readFile(_ path: String) throws -> [UInt8]
}

/// A file system held in a dictionary of path → contents; directories are implied by the paths.
public struct InMemoryConfigFileSystem: ConfigFileSystem {
    /// Thrown for a path that names nothing.
    public struct NotFound: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var description: String { "no such file or directory: \(path)" }
    }

    private let files: [String: [UInt8]]

    /// Files keyed by path (`Config/agents/receptionist.yaml`), with their text.
    public init(files: [String: String]) {
        self.files = Dictionary(uniqueKeysWithValues: files.map { (ConfigPaths.normalize($0.key), Array($0.value.utf8)) })
    }

    public func kind(of path: String) -> ConfigFileKind? {
        let path = ConfigPaths.normalize(path)
        if files[path] != nil { return .file }
        if path == "." { return files.isEmpty ? nil : .directory }
        return files.keys.contains { $0.hasPrefix(path + "/") } ? .directory : nil
    }

    public func entryNames(in directory: String) throws -> [String] {
        let directory = ConfigPaths.normalize(directory)
        guard kind(of: directory) == .directory else { throw NotFound(path: directory) }
        let prefix = directory == "." ? "" : directory + "/"
        let names = files.keys.compactMap { path -> String? in
            guard path.hasPrefix(prefix) else { return nil }
            return path.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
        }
        return Array(Set(names)).sorted()
    }

    public func readFile(_ path: String) throws -> [UInt8] {
        guard let bytes = files[ConfigPaths.normalize(path)] else { throw NotFound(path: path) }
        return bytes
    }
}
