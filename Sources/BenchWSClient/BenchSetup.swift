import Foundation

/// Throw-away certificates and the Python echo server, made with the tools the tests use.
enum BenchSetup {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// CA + server certificate (EC P-256, SAN localhost/127.0.0.1) in a temporary folder.
    static func certificates() throws -> (ca: String, certificate: String, key: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-bench-ws-\(UUID().uuidString)").path
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

    /// Starts the tests' Python `websockets` server (Tests/NetWebSocketClientTests/Fixtures/ws_server.py).
    static func pythonServer(tls: (certificate: String, key: String)? = nil) throws -> (process: Process, port: Int) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/NetWebSocketClientTests/Fixtures/ws_server.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [script] + (tls.map { [$0.certificate, $0.key] } ?? [])
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
