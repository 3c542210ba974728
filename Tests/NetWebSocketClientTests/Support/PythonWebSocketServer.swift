import SwitchboardTesting
import Foundation
import Testing

/// `Fixtures/ws_server.py` (Python `websockets` 10.4) running for one test on an ephemeral port, plain
/// or with TLS. Killed when the test drops it.
struct PythonWebSocketServer: Sendable {
    let process: PeerProcess
    let port: UInt16
    let isSecure: Bool

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ws_server.py").path

    /// Starts the server; with `certificate` and `key` it speaks wss.
    static func start(certificate: String? = nil, key: String? = nil) async throws -> PythonWebSocketServer {
        var arguments = [script]
        if let certificate, let key { arguments += [certificate, key] }
        let process = try PeerProcess("/usr/bin/python3", arguments)
        let line = try await process.line(containing: "PORT ")
        let port = try #require(line.split(separator: " ").last.flatMap { UInt16($0) })
        return PythonWebSocketServer(process: process, port: port, isSecure: certificate != nil)
    }

    /// `ws://127.0.0.1:port/path` (or `wss://` with `host`, which defaults to the certificate's name).
    func url(_ path: String, host: String? = nil) -> String {
        "\(isSecure ? "wss" : "ws")://\(host ?? (isSecure ? "localhost" : "127.0.0.1")):\(port)\(path)"
    }

    /// The server's `CLOSED <path> code=… reason=…` line for `path`.
    func closeLine(for path: String) async throws -> String {
        try await process.line(containing: "CLOSED \(path) ")
    }
}
