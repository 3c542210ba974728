import BenchSupport
import Foundation

extension BenchSetup {
    /// Starts the tests' streaming HTTP server (plain, or TLS with `tls` = (cert, key)); returns it and its port.
    static func httpServer(tls: (certificate: String, key: String)? = nil) throws -> (process: Process, port: Int) {
        try pythonServer(script: "Tests/NetTLSTests/Fixtures/streaming_server.py",
                         arguments: tls.map { ["--tls", $0.certificate, $0.key] } ?? [])
    }
}
