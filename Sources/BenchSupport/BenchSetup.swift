import Foundation

/// Throw-away certificates and the tests' Python servers that network benchmarks run against, made with
/// the same tools the tests use (openssl CLI, Debian's python3).
public enum BenchSetup {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// CA + server certificate (EC P-256, SAN localhost/127.0.0.1) in a temporary folder: (ca, cert, key).
    public static func certificates() throws -> (ca: String, certificate: String, key: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try run("/usr/bin/openssl", ["req", "-x509"] + ec + ["-keyout", directory + "/ca.key", "-out", directory + "/ca.pem",
                                    "-days", "1", "-subj", "/CN=Bench CA", "-addext", "basicConstraints=critical,CA:TRUE"])
        try run("/usr/bin/openssl", ["req"] + ec + ["-keyout", directory + "/server.key", "-out", directory + "/server.csr", "-subj", "/CN=localhost"])
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\n".write(toFile: directory + "/ext", atomically: true, encoding: .utf8)
        try run("/usr/bin/openssl", ["x509", "-req", "-in", directory + "/server.csr", "-CA", directory + "/ca.pem", "-CAkey", directory + "/ca.key",
                                     "-CAcreateserial", "-out", directory + "/server.pem", "-days", "1", "-extfile", directory + "/ext"])
        return (directory + "/ca.pem", directory + "/server.pem", directory + "/server.key")
    }

    /// The repository's root folder (found from this file's path at build time).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts `/usr/bin/python3 <script> <arguments>` (`script` relative to the repository root), reads
    /// its first line `PORT <n>`, and keeps draining its output so it never blocks on a full pipe.
    public static func pythonServer(script: String, arguments: [String]) throws -> (process: Process, port: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [repositoryRoot.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line: [UInt8] = []
        while true {  // the first line is "PORT <n>"
            let byte = try output.fileHandleForReading.read(upToCount: 1) ?? Data()
            guard let value = byte.first else { throw Failure(description: "the server printed no port") }
            if value == UInt8(ascii: "\n") { break }
            line.append(value)
        }
        guard let port = String(decoding: line, as: UTF8.self).split(separator: " ").last.flatMap({ Int($0) }) else {
            throw Failure(description: "unexpected first line from the server")
        }
        Thread.detachNewThread { while !(output.fileHandleForReading.availableData.isEmpty) {} }
        return (process, port)
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed") }
    }
}
