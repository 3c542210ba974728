import Foundation

/// A throw-away certificate authority and server certificate (EC P-256, valid 2 days, SAN localhost and
/// 127.0.0.1), a second certificate from the same CA naming only `calls.example`, and an unrelated
/// second CA, made by the `openssl` CLI in a temporary folder when the tests first need them. Nothing
/// here is committed. Shared by the TLS and WebSocket client tests.
public struct TestPKI: Sendable {
    public let directory: String
    public var caCertificate: String { directory + "/ca.pem" }
    public var otherCACertificate: String { directory + "/other-ca.pem" }
    public var serverCertificate: String { directory + "/server.pem" }
    public var serverKey: String { directory + "/server.key" }
    public var otherKey: String { directory + "/other-ca.key" }
    public var otherNameCertificate: String { directory + "/other-name.pem" }
    public var otherNameKey: String { directory + "/other-name.key" }

    public struct ToolFailed: Error, CustomStringConvertible {
        public let command: String
        public let output: String
        public var description: String { "\(command) failed:\n\(output)" }
    }

    private static let generated = Result { try TestPKI.generate() }

    /// The PKI shared by the whole test run (generated once).
    public static func shared() throws -> TestPKI { try generated.get() }

    private static func generate() throws -> TestPKI {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchboard-pki-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let pki = TestPKI(directory: directory)
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        let caExtensions = ["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]
        try run("/usr/bin/openssl", ["req", "-x509"] + ec + caExtensions + ["-keyout", directory + "/ca.key", "-out", pki.caCertificate,
                                    "-days", "2", "-subj", "/CN=Switchboard Test CA"])
        try run("/usr/bin/openssl", ["req", "-x509"] + ec + caExtensions + ["-keyout", pki.otherKey, "-out", pki.otherCACertificate,
                                    "-days", "2", "-subj", "/CN=Unrelated Test CA"])
        try issue(pki, name: "server", commonName: "localhost", key: pki.serverKey, certificate: pki.serverCertificate,
                  san: "DNS:localhost,IP:127.0.0.1")
        try issue(pki, name: "other-name", commonName: "other-name", key: pki.otherNameKey, certificate: pki.otherNameCertificate, san: "DNS:calls.example")
        return pki
    }

    /// A leaf certificate signed by the test CA with the given subjectAltName.
    private static func issue(_ pki: TestPKI, name: String, commonName: String, key: String, certificate: String, san: String) throws {
        let directory = pki.directory
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"]
        try run("/usr/bin/openssl", ["req"] + ec + ["-keyout", key, "-out", "\(directory)/\(name).csr", "-subj", "/CN=\(commonName)"])
        let extensions = "\(directory)/\(name).ext"
        try "subjectAltName=\(san)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(toFile: extensions, atomically: true, encoding: .utf8)
        try run("/usr/bin/openssl", ["x509", "-req", "-in", "\(directory)/\(name).csr", "-CA", pki.caCertificate, "-CAkey", directory + "/ca.key",
                                     "-CAcreateserial", "-out", certificate, "-days", "2", "-extfile", extensions])
    }

    /// Runs a tool to completion; throws with its output if it fails.
    public static func run(_ executable: String, _ arguments: [String]) throws {
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
