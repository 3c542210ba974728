import Agents
import Foundation
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// REGISTER over TCP and TLS against a real Kamailio 5.6: the binding's connection is kept, a call to
/// the AOR sent to Kamailio over UDP is relayed to us on that connection (Kamailio reuses it to reach
/// our `transport=tcp`/`tls` Contact) and answered.
@Suite(.serialized, .enabled(if: FileManager.default.isExecutableFile(atPath: Kamailio.executable)))
struct KamailioStreamRegistrationTests {
    @Test func registersOverTCPAndACallToTheAORComesBackOnTheConnection() async throws {
        let kamailio = try Kamailio(password: "s3cret")
        let registration = SIPRegistration(registrar: "127.0.0.1:\(kamailio.port)", user: "agent7", domain: "127.0.0.1",
                                           password: Secret("s3cret"), expires: 120, contactUser: "sb7", agent: "tester",
                                           transport: .tcp)
        try await registerAndCall(kamailio, registration)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: Kamailio.tlsModule)))
    func registersOverTLSAndACallToTheAORComesBackOnTheConnection() async throws {
        let pki = try TestPKI.shared()
        let kamailio = try Kamailio(password: "s3cret", tls: pki)
        // The transport comes from the registrar URI (sips: = TLS); the certificate names 127.0.0.1.
        let registration = SIPRegistration(registrar: "sips:127.0.0.1:\(kamailio.tlsPort)", user: "agent7", domain: "127.0.0.1",
                                           password: Secret("s3cret"), expires: 120, contactUser: "sb7", agent: "tester")
        #expect(registration.transport == .tls)
        let trust = try TLSClientContext(configuration: .init(trust: .certificateAuthorityFile(pki.caCertificate)))
        try await registerAndCall(kamailio, registration, tlsClient: trust)
    }

    private func registerAndCall(_ kamailio: Kamailio, _ registration: SIPRegistration, tlsClient: TLSClientContext? = nil) async throws {
        let server: SIPTestServer
        do { server = try await SIPTestServer.start(allow: ["10.9.9.0/24"], registrations: [registration], tlsClient: tlsClient) } catch {
            kamailio.stop()
            throw error
        }
        let caller = try await SIPTestPeer.udp(to: try #require(SocketAddress(host: "127.0.0.1", port: UInt16(kamailio.port))))
        do {
            try await server.event("registered") { if case .registration("agent7@127.0.0.1", .registered(120)) = $0 { true } else { false } }
            #expect(await server.service.agent.clientConnectionCount == 1)
            var script = SIPScript(peer: caller)
            script.user = "agent7"
            try await script.sendInvite()
            let ok = try await caller.response(200, within: 15)
            #expect(ok.headers.callID == script.callID)
            let contact = try #require(ok.headers.contact?.addresses.first?.uri.sipURI)
            #expect(contact.parameter("transport") == registration.transport.rawValue)
            try await server.event("answered") { if case .answered(script.callID, "tester") = $0 { true } else { false } }
            #expect(await server.service.agent.clientConnectionCount == 1, "the call came over the registration's connection")
        } catch {
            await caller.close()
            await server.stop()
            kamailio.stop()
            throw error
        }
        await caller.close()
        await server.stop()
        kamailio.stop()
    }
}
