import Foundation

/// A throw-away certificate authority and server certificate (EC P-256, valid 2 days, SAN localhost and
/// 127.0.0.1), plus an unrelated second CA, made by the `openssl` CLI in a temporary folder when the
/// tests first need them. Nothing here is committed.
struct TestPKI: Sendable {
    let directory: String
    var caCertificate: String { directory + "/ca.pem" }
    var otherCACertificate: String { directory + "/other-ca.pem" }
    var serverCertificate: String { directory + "/server.pem" }
    var serverKey: String { directory + "/server.key" }
    var otherKey: String { directory + "/other-ca.key" }

    struct ToolFailed: Error, CustomStringConvertible {
        let command: String
        let output: String
        var description: String { "\(command) failed:\n\(output)" }
    }

    private static let generated = Result { try TestPKI.generate() }

    /// The PKI shared by the whole test run (generated once).
    static func shared() throws -> TestPKI { try generated.get() }

    private static func generate() throws -> TestPKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let pki = TestPKI(directory: directory)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        let caExtensions = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]
        try run("/usr/bin/openssl", ["req", "-x509"] + ec + caExtensions + ["-keyout", directory + "/ca.key", "-out", pki.caCertificate,
                                    "-days", "2", "-subj", "/CN=Switchboard Test CA"])
        try run("/usr/bin/openssl", ["req", "-x509"] + ec + caExtensions + ["-keyout", pki.otherKey, "-out", pki.otherCACertificate,
                                    "-days", "2", "-subj", "/CN=Unrelated Test CA"])
        try run("/usr/bin/openssl", ["req"] + ec + ["-keyout", pki.serverKey, "-out", directory + "/server.csr", "-subj", "/CN=localhost"])
        let extensions = directory + "/server.ext"
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: extensions, atomically: true, encoding: .utf8)
        try run("/usr/bin/openssl", ["x509", "-req", "-in", directory + "/server.csr", "-CA", pki.caCertificate, "-CAkey", directory + "/ca.key",
                                     "-CAcreateserial", "-out", pki.serverCertificate, "-days", "2", "-extfile", extensions])
        return pki
    }

    /// Runs a tool to completion; throws with its output if it fails.
    static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ToolFailed(command: ([executable] + arguments).joined(separator: " "), output: text)
        }
    }
}
