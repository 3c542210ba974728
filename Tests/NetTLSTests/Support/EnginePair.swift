import Net
import SwitchboardTesting

/// A client and a server engine wired to each other in memory (no sockets): `pump` moves ciphertext
/// both ways until neither side has anything left to send.
struct EnginePair {
    let client: TLSEngine
    let server: TLSEngine

    static func make(
        serverALPN: [String] = [], clientALPN: [String] = [], serverName: String = "localhost",
        trust: TLSTrust? = nil, limits: TLSEngine.Limits = TLSEngine.Limits()
    ) throws -> EnginePair {
        let pki = try TestPKI.shared()
        let server = try TLSServerContext(configuration: .init(
            certificateChainFile: pki.serverCertificate, privateKeyFile: pki.serverKey, alpnProtocols: serverALPN))
        let client = try TLSClientContext(configuration: .init(
            trust: trust ?? .certificateAuthorityFile(pki.caCertificate), alpnProtocols: clientALPN))
        return EnginePair(client: try TLSEngine(client: client, serverName: serverName, limits: limits),
                          server: try TLSEngine(server: server, limits: limits))
    }

    /// Runs the handshake; throws the first side's error.
    func handshake() throws {
        try client.startHandshake()
        for _ in 0..<16 where client.state == .handshaking || server.state == .handshaking {
            _ = try pump()
        }
    }

    /// Moves ciphertext until both sides are quiet; returns the plaintext each side received.
    /// `split` chops every hand-over into pieces of at most that many bytes.
    func pump(split: Int = .max) throws -> (atClient: [UInt8], atServer: [UInt8]) {
        var atClient: [UInt8] = []
        var atServer: [UInt8] = []
        while client.outboundCiphertextCount > 0 || server.outboundCiphertextCount > 0 {
            for piece in client.takeOutboundCiphertext().pieces(of: split) { atServer += try server.receive(ciphertext: piece) }
            for piece in server.takeOutboundCiphertext().pieces(of: split) { atClient += try client.receive(ciphertext: piece) }
        }
        return (atClient, atServer)
    }
}

extension Array where Element == UInt8 {
    func pieces(of size: Int) -> [[UInt8]] {
        guard size < count else { return isEmpty ? [] : [self] }
        return stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }

    /// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
    static func pattern(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }
}
