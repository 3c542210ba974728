import Foundation

/// Runs the real third-party tools the media tests use as peers and fixture makers (espeak-ng, sox;
/// installed by Scripts/bootstrap.sh).
enum ExternalTools {
    static func path(of tool: String) -> String? {
        for directory in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static var hasEspeakAndSox: Bool { path(of: "espeak-ng") != nil && path(of: "sox") != nil }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `tool` with `arguments`; returns standard output, throws on a non-zero exit.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        guard let executable = path(of: tool) else { throw Failure(description: "\(tool) is not installed") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return data
    }

    /// A fresh temporary file path with `suffix`.
    static func temporaryPath(_ suffix: String) -> String {
        NSTemporaryDirectory() + "switchboard-media-\(UUID().uuidString)\(suffix)"
    }
}
