import SwitchboardTesting
import Foundation

/// `Fixtures/streaming_server.py` run by Debian's python3 on a kernel-chosen loopback port, plain or
/// TLS with the test PKI's server certificate. Its event lines (CONNECT, DONE, DISCONNECT) are awaitable.
struct TestHTTPServer {
    let process: PeerProcess
    let port: UInt16
    let scheme: String

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/streaming_server.py").path

    static func start(tls: Bool = false) async throws -> TestHTTPServer {
        var arguments = [script]
        if tls {
            let pki = try TestPKI.shared()
            arguments += ["--tls", pki.serverCertificate, pki.serverKey]
        }
        let process = try PeerProcess("/usr/bin/python3", arguments)
        let line = try await process.line(containing: "PORT ")
        guard let port = line.split(separator: " ").last.flatMap({ UInt16($0) }) else { throw LineCollector.TimedOut(what: "a port", output: [line]) }
        return TestHTTPServer(process: process, port: port, scheme: tls ? "https" : "http")
    }

    func url(_ pathAndQuery: String) -> String { "\(scheme)://127.0.0.1:\(port)\(pathAndQuery)" }

    /// Lines starting with `prefix` so far (e.g. "CONNECT").
    func events(_ prefix: String) -> [String] { process.lines.filter { $0.hasPrefix(prefix + " ") } }
}
