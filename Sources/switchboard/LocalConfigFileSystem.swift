import Agents
import Foundation

/// The disk, as configuration loading sees it (the `Agents` target itself does no I/O).
struct LocalConfigFileSystem: ConfigFileSystem {
    func kind(of path: String) -> ConfigFileKind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .directory : .file
    }

    func entryNames(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory)
    }

    /// Thrown instead of reading a file larger than `ConfigFileLimits.maxFileBytes`.
    struct TooLarge: Error, CustomStringConvertible {
        var bytes: Int
        var description: String { "file is \(bytes) bytes, over the \(ConfigFileLimits.maxFileBytes)-byte limit" }
    }

    func readFile(_ path: String) throws -> [UInt8] {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
        if size > ConfigFileLimits.maxFileBytes { throw TooLarge(bytes: size) }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return [UInt8](data)
    }
}
