import BenchSupport
import Foundation

extension BenchSetup {
    /// Starts the tests' Python `websockets` echo server (plain, or TLS with `tls` = (cert, key)).
    static func pythonServer(tls: (certificate: String, key: String)? = nil) throws -> (process: Process, port: Int) {
        try pythonServer(script: "Tests/NetWebSocketClientTests/Fixtures/ws_server.py",
                         arguments: tls.map { [$0.certificate, $0.key] } ?? [])
    }
}
