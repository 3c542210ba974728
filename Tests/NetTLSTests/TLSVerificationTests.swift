import Net
import SwitchboardTesting
import Testing

@Suite("TLS certificate verification in memory")
struct TLSVerificationTests {
    @Test func serverCertificateFromAnUntrustedCAIsRejected() throws {
        let pki = try TestPKI.shared()
        let pair = try EnginePair.make(trust: .certificateAuthorityFile(pki.otherCACertificate))
        #expect(throws: TLSError.certificateVerificationFailed(code: 20, reason: "unable to get local issuer certificate")) {
            try pair.handshake()
        }
        #expect(pair.client.state == .failed)
    }

    @Test func systemTrustStoreDoesNotTrustTheTestCA() throws {
        let pair = try EnginePair.make(trust: .systemDefault)
        #expect(throws: TLSError.certificateVerificationFailed(code: 20, reason: "unable to get local issuer certificate")) {
            try pair.handshake()
        }
    }

    @Test func certificateForAnotherHostNameIsRejected() throws {
        let pair = try EnginePair.make(serverName: "switchboard.example")
        #expect(throws: TLSError.certificateVerificationFailed(code: 62, reason: "hostname mismatch")) {
            try pair.handshake()
        }
    }

    @Test func ipAddressIsCheckedAgainstTheCertificatesIPEntries() throws {
        let good = try EnginePair.make(serverName: "127.0.0.1")
        try good.handshake()
        #expect(good.client.state == .established)
        #expect(good.server.requestedServerName == nil)  // RFC 6066: no SNI for an address

        let bad = try EnginePair.make(serverName: "127.0.0.2")
        #expect(throws: TLSError.certificateVerificationFailed(code: 64, reason: "IP address mismatch")) {
            try bad.handshake()
        }
    }

    @Test func serverLearnsOfTheRejectionThroughAnAlert() throws {
        let pki = try TestPKI.shared()
        let pair = try EnginePair.make(trust: .certificateAuthorityFile(pki.otherCACertificate))
        #expect(throws: (any Error).self) { try pair.handshake() }
        let alert = pair.client.takeOutboundCiphertext()
        #expect {
            _ = try pair.server.receive(ciphertext: alert)
        } throws: { error in
            guard case TLSError.handshakeFailed(let message) = error else { return false }
            return message.contains("unknown ca")
        }
    }
}
