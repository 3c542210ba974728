import Agents
import Net
import SIP
import SwitchboardTesting
import Telephony
import Testing

/// REGISTER as a PBX extension against a scripted registrar over loopback UDP.
@Suite struct SIPRegistrationTests {
    /// A registrar peer (created first, so its port goes in the config) and a server registering with it.
    private func withRegistrar(password: String? = "s3cret", expires: Int = 600, allow: [String] = ["127.0.0.1/32"],
                               _ body: (SIPTestServer, SIPTestPeer) async throws -> Void) async throws {
        let registrar = try await SIPTestPeer.udp(to: .loopbackIPv4())
        let registration = SIPRegistration(registrar: "127.0.0.1:\(registrar.local.port)", user: "agent7", domain: "pbx.test",
                                           password: password.map { Secret($0) }, expires: expires, contactUser: "sb7",
                                           agent: "tester")
        let server: SIPTestServer
        do {
            server = try await SIPTestServer.start(allow: allow, registrations: [registration])
        } catch {
            await registrar.close()
            throw error
        }
        registrar.retarget(server.bound.udp!)
        do { try await body(server, registrar) } catch {
            await registrar.close()
            await server.stop()
            throw error
        }
        await server.stop()
        await registrar.close()
    }

    @Test func challengeIsAnsweredWithDigestThenTheBindingIsRefreshedAndRemovedOnDrain() async throws {
        try await withRegistrar(expires: 600) { server, registrar in
            let first = try await registrar.request(.register)
            #expect(first.uri.serialized == "sip:pbx.test")
            #expect(first.headers.to.uri.serialized == "sip:agent7@pbx.test")
            #expect(first.headers.from.tag != nil)
            #expect(first.headers.expires == 600)
            #expect(first.headers.contact?.addresses.first?.uri.sipURI?.user == "sb7")
            #expect(first.headers.firstValue("Authorization") == nil)
            let challenge = DigestChallenge(realm: "pbx.test", nonce: "n0nce1", opaque: "op", algorithm: .sha256, qop: ["auth"])
            try await registrar.reply(to: first, 401, headers: [("WWW-Authenticate", challenge.header.serialized)])
            let authorized = try await registrar.request(.register, after: first.headers.cseq.sequence)
            #expect(authorized.headers.callID == first.headers.callID)
            #expect(authorized.headers.from.tag == first.headers.from.tag)
            #expect(authorized.headers.cseq.sequence == first.headers.cseq.sequence + 1)
            let header = try #require(try authorized.headers.authorization())
            let credentials = try #require(DigestCredentials(header))
            #expect(credentials.algorithm == .sha256 && credentials.qop == "auth" && credentials.opaque == "op")
            let expected = DigestAlgorithm.sha256.response(username: "agent7", realm: "pbx.test", password: "s3cret", method: "REGISTER",
                                                           uri: "sip:pbx.test", nonce: "n0nce1", qop: "auth",
                                                           nonceCount: credentials.nonceCount, cnonce: credentials.cnonce)
            #expect(credentials.response == expected)
            // Granted 2 s (less than asked): the refresh comes at 85 % of that.
            let contact = try #require(authorized.headers.contact?.addresses.first)
            try await registrar.reply(to: authorized, 200, headers: [("Contact", contact.address.serialized + ";expires=2")])
            try await server.event("registered") { $0 == .registration(aor: "agent7@pbx.test", state: .registered(expires: 2)) }
            let refresh = try await registrar.request(.register, after: authorized.headers.cseq.sequence)
            #expect(refresh.headers.callID == first.headers.callID, "Call-ID constant across refreshes")
            // RFC 7616 §3.4: the refresh reuses the nonce pre-emptively, nc 2 with a fresh cnonce.
            let reusedHeader = try #require(try refresh.headers.authorization())
            let reused = try #require(DigestCredentials(reusedHeader))
            #expect(reused.nonce == "n0nce1" && reused.nonceCount == "00000002" && reused.cnonce != credentials.cnonce)
            #expect(reused.response == DigestAlgorithm.sha256.response(
                username: "agent7", realm: "pbx.test", password: "s3cret", method: "REGISTER", uri: "sip:pbx.test", nonce: "n0nce1",
                qop: "auth", nonceCount: "00000002", cnonce: reused.cnonce))
            try await registrar.reply(to: refresh, 200, headers: [("Contact", contact.address.serialized + ";expires=60")])
            try await server.event("refreshed") { $0 == .registration(aor: "agent7@pbx.test", state: .registered(expires: 60)) }
            // Drain removes the binding.
            await server.service.agent.beginDraining()
            let removal = try await registrar.request(.register, after: refresh.headers.cseq.sequence)
            #expect(removal.headers.expires == 0)
            let removalHeader = try #require(try removal.headers.authorization())
            #expect(DigestCredentials(removalHeader)?.nonceCount == "00000003")
            try await registrar.reply(to: removal, 200)
            try await server.event("unregistered") { $0 == .registration(aor: "agent7@pbx.test", state: .unregistered) }
        }
    }

    @Test func intervalTooBriefRetriesWithMinExpires() async throws {
        try await withRegistrar(password: nil, expires: 60) { server, registrar in
            let first = try await registrar.request(.register)
            #expect(first.headers.expires == 60)
            try await registrar.reply(to: first, 423, headers: [("Min-Expires", "1200")])
            let second = try await registrar.request(.register, after: first.headers.cseq.sequence)
            #expect(second.headers.expires == 1200)
            try await registrar.reply(to: second, 200, headers: [("Expires", "1200")])
            try await server.event("registered") { $0 == .registration(aor: "agent7@pbx.test", state: .registered(expires: 1200)) }
        }
    }

    @Test func failureIsRetriedWithBackoffUntilTheRegistrarRecovers() async throws {
        try await withRegistrar(password: nil) { server, registrar in
            let first = try await registrar.request(.register)
            try await registrar.reply(to: first, 503)
            try await server.event("failed") { $0 == .registration(aor: "agent7@pbx.test", state: .failed(status: 503)) }
            let retry = try await registrar.request(.register, after: first.headers.cseq.sequence)
            try await registrar.reply(to: retry, 200, headers: [("Expires", "300")])
            try await server.event("recovered") { $0 == .registration(aor: "agent7@pbx.test", state: .registered(expires: 300)) }
            #expect(await server.service.agent.registrationStates["agent7@pbx.test"] == .registered(expires: 300))
        }
    }

    @Test func wrongCredentialsAreNotRetriedInALoop() async throws {
        try await withRegistrar { server, registrar in
            let challenge = DigestChallenge(realm: "pbx.test", nonce: "n1", qop: ["auth"]).header.serialized
            let first = try await registrar.request(.register)
            try await registrar.reply(to: first, 401, headers: [("WWW-Authenticate", challenge)])
            let second = try await registrar.request(.register, after: first.headers.cseq.sequence)
            try await registrar.reply(to: second, 401, headers: [("WWW-Authenticate", challenge)])
            try await server.event("failed") { $0 == .registration(aor: "agent7@pbx.test", state: .failed(status: 401)) }
        }
    }

    /// The registrar forwards a call for the registered contact: the registration's agent answers it,
    /// although no trunk admits the registrar's address.
    @Test func inviteToTheRegisteredContactReachesTheRegistrationsAgent() async throws {
        try await withRegistrar(password: nil, allow: ["10.9.9.0/24"]) { server, registrar in
            let first = try await registrar.request(.register)
            try await registrar.reply(to: first, 200, headers: [("Expires", "600")])
            try await server.event("registered") { if case .registration(_, .registered) = $0 { true } else { false } }
            var script = SIPScript(peer: registrar)
            script.user = "sb7"
            _ = try await script.establish()
            try await server.event("answered") { if case .answered(script.callID, "tester") = $0 { true } else { false } }
            // Someone else calling another user from the same address is still refused.
            var other = SIPScript(peer: registrar)
            other.user = "nobody"
            try await other.sendInvite()
            _ = try await registrar.response(403)
        }
    }

    /// A refresh whose reused nonce the registrar no longer accepts gets a new challenge: answered with
    /// the new nonce from nc 1, and the next refresh goes on from there.
    @Test func refreshRefusedWithANewChallengeIsAnsweredWithTheNewNonce() async throws {
        try await withRegistrar { server, registrar in
            func challenge(_ nonce: String) -> [(String, String)] {
                [("WWW-Authenticate", DigestChallenge(realm: "pbx.test", nonce: nonce, algorithm: .md5, qop: ["auth"]).header.serialized)]
            }
            func credentials(_ request: SIPRequest) throws -> DigestCredentials? {
                try request.headers.authorization().flatMap(DigestCredentials.init)
            }
            let first = try await registrar.request(.register)
            try await registrar.reply(to: first, 401, headers: challenge("old"))
            let answered = try await registrar.request(.register, after: first.headers.cseq.sequence)
            #expect(try credentials(answered)?.nonceCount == "00000001")
            let contact = try #require(answered.headers.contact?.addresses.first).address.serialized
            try await registrar.reply(to: answered, 200, headers: [("Contact", contact + ";expires=1")])
            try await server.event("registered") { $0 == .registration(aor: "agent7@pbx.test", state: .registered(expires: 1)) }
            let refresh = try await registrar.request(.register, after: answered.headers.cseq.sequence)
            #expect(try credentials(refresh)?.nonce == "old" && credentials(refresh)?.nonceCount == "00000002")
            try await registrar.reply(to: refresh, 401, headers: challenge("new"))
            let renewed = try await registrar.request(.register, after: refresh.headers.cseq.sequence)
            let fresh = try #require(try credentials(renewed))
            #expect(fresh.nonce == "new" && fresh.nonceCount == "00000001")
            #expect(fresh.response == DigestAlgorithm.md5.response(
                username: "agent7", realm: "pbx.test", password: "s3cret", method: "REGISTER", uri: "sip:pbx.test", nonce: "new",
                qop: "auth", nonceCount: "00000001", cnonce: fresh.cnonce))
            try await registrar.reply(to: renewed, 200, headers: [("Contact", contact + ";expires=1")])
            let next = try await registrar.request(.register, after: renewed.headers.cseq.sequence)
            #expect(try credentials(next)?.nonce == "new" && credentials(next)?.nonceCount == "00000002")
            try await registrar.reply(to: next, 200, headers: [("Contact", contact + ";expires=600")])
            try await server.event("refreshed") { $0 == .registration(aor: "agent7@pbx.test", state: .registered(expires: 600)) }
        }
    }
}
