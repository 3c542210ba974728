import SIP
import Testing

/// A REGISTER challenged with 401 and retried with credentials, every message going through the
/// serializer and the parser as it would on the wire.
@Suite struct DigestFlowTests {
    let parser = SIPParser()
    let challenger = DigestChallenger(realm: "pbx.example", secret: Array("k3y".utf8))

    func register(cseq: UInt32, authorization: AuthHeader? = nil) -> SIPRequest {
        let aor = SIPURI(user: "agent7", host: .name("pbx.example"))
        var headers = SIPHeaders(via: [Via(transport: "UDP", host: .ipv4("203.0.113.5"), port: 5060, branch: "z9hG4bK-r\(cseq)")],
                                 from: AddressHeader(aor, tag: "f00d"), to: AddressHeader(aor), callID: "reg-1@203.0.113.5",
                                 cseq: CSeq(cseq, .register), maxForwards: 70,
                                 contact: .addresses([AddressHeader(NameAddress(SIPURI(user: "agent7", host: .ipv4("203.0.113.5"))),
                                                                    parameters: [SIPParameter("expires", "600")])]))
        if let authorization { headers.add("Authorization", authorization.serialized) }
        return SIPRequest(method: .register, uri: .sip(SIPURI(host: .name("pbx.example"))), headers: headers)
    }

    func wire(_ request: SIPRequest) throws -> SIPRequest {
        try #require(try parser.parse(SIPSerializer.serialize(request)[...], framing: .stream).request)
    }

    @Test func registerIsChallengedThenAcceptedOnceAndReplayRefused() throws {
        var tracker = NonceCountTracker()
        let now = SIPInstant.milliseconds(5_000)
        let first = try wire(register(cseq: 1))
        #expect(try first.headers.authorization() == nil)
        var unauthorized = SIPResponse(replyingTo: first, statusCode: 401, toTag: "srv1")
        for challenge in challenger.challenges(at: now, salt: 42) { unauthorized.headers.add("WWW-Authenticate", challenge.header.serialized) }
        let received = try #require(try parser.parse(SIPSerializer.serialize(unauthorized)[...], framing: .stream).response)

        let challenges = try received.headers.wwwAuthenticate().compactMap(DigestChallenge.init)
        let chosen = try #require(DigestClient.preferred(challenges))
        #expect(chosen.algorithm == .sha256)
        let credentials = try DigestClient.credentials(for: chosen, method: .register, uri: "sip:pbx.example", username: "agent7",
                                                       password: "hunter2", cnonce: "9a8b7c", nonceCount: 1)
        let retry = try wire(register(cseq: 2, authorization: credentials.header))
        let presented = try #require(try retry.headers.authorization().flatMap(DigestCredentials.init))
        #expect(challenger.verify(presented, method: retry.method, password: "hunter2", requestURI: retry.uri.serialized,
                                  at: now.advanced(by: .seconds(1)), tracker: &tracker) == .accepted(username: "agent7"))
        #expect(challenger.verify(presented, method: retry.method, password: "hunter2", requestURI: retry.uri.serialized,
                                  at: now.advanced(by: .seconds(2)), tracker: &tracker) == .rejected("replayed nonce count"))
        let next = try DigestClient.credentials(for: chosen, method: .register, uri: "sip:pbx.example", username: "agent7",
                                                password: "hunter2", cnonce: "9a8b7d", nonceCount: 2)
        #expect(challenger.verify(next, method: .register, password: "hunter2", at: now.advanced(by: .seconds(3)), tracker: &tracker)
                == .accepted(username: "agent7"))
        #expect(challenger.verify(next, method: .register, password: "hunter2", at: now.advanced(by: .seconds(400)), tracker: &tracker)
                == .stale, "after the lifetime even a correct answer is stale")
    }
}
