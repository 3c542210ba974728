import Net
import SwitchboardTesting
import Testing

@Suite("TLS contexts")
struct TLSContextTests {
    @Test func missingCertificateFileNamesTheFile() throws {
        let pki = try TestPKI.shared()
        #expect {
            _ = try TLSServerContext(configuration: .init(certificateChainFile: pki.directory + "/absent.pem", privateKeyFile: pki.serverKey))
        } throws: { error in
            guard case TLSError.configuration(let message) = error else { return false }
            return message.contains("absent.pem")
        }
    }

    @Test func keyThatDoesNotMatchTheCertificateIsRefused() throws {
        let pki = try TestPKI.shared()
        #expect {
            _ = try TLSServerContext(configuration: .init(certificateChainFile: pki.serverCertificate, privateKeyFile: pki.otherKey))
        } throws: { error in
            guard case TLSError.configuration(let message) = error else { return false }
            return message.contains("other-ca.key")
        }
    }

    @Test func unreadableCAFileIsAConfigurationError() throws {
        let pki = try TestPKI.shared()
        #expect {
            _ = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.directory + "/none.pem")))
        } throws: { error in
            guard case TLSError.configuration(let message) = error else { return false }
            return message.contains("none.pem")
        }
    }

    @Test func overlongALPNNameIsRefused() {
        #expect(throws: TLSError.self) {
            _ = try TLSClientContext(configuration: .init(alpnProtocols: [String(repeating: "x", count: 256)]))
        }
    }
}
