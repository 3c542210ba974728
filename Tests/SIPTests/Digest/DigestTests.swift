import SIP
import Testing

@Suite struct DigestTests {
    /// RFC 7616 §3.9.1 (SHA-256 and MD5) and RFC 2617 §3.5.
    @Test func clientResponsesMatchTheRFCExamples() throws {
        for (algorithm, expected) in [(DigestAlgorithm.sha256, "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"),
                                      (.md5, "8ca523f5e9506fed4657c9700eebdbec")] {
            let challenge = DigestChallenge(realm: "http-auth@example.org", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
                                            opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", algorithm: algorithm,
                                            qop: ["auth", "auth-int"])
            let credentials = try DigestClient.credentials(for: challenge, method: "GET", uri: "/dir/index.html", username: "Mufasa",
                                                           password: "Circle of Life",
                                                           cnonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", nonceCount: 1)
            #expect(credentials.response == expected)
            #expect(credentials.nonceCount == "00000001" && credentials.qop == "auth" && credentials.opaque == challenge.opaque)
        }
        let rfc2617 = DigestChallenge(realm: "testrealm@host.com", nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
                                      opaque: "5ccc069c403ebaf9f0171e9517f40e41")
        let credentials = try DigestClient.credentials(for: rfc2617, method: "GET", uri: "/dir/index.html", username: "Mufasa",
                                                       password: "Circle Of Life", cnonce: "0a4f113b", nonceCount: 1)
        #expect(credentials.response == "6629fae49393a05397450978507c4ef1")
    }

    @Test func challengeAndCredentialsSurviveTheHeaderParser() throws {
        let challenge = DigestChallenge(realm: "trunk.example", nonce: "abc", opaque: "o1", algorithm: .sha256, stale: true)
        let reparsed = try AuthHeader.parse(Array(challenge.header.serialized.utf8)[...])
        #expect(DigestChallenge(reparsed) == challenge)
        let credentials = try DigestClient.credentials(for: challenge, method: .register, uri: "sip:trunk.example",
                                                       username: "agent7", password: "pw", cnonce: "c0ffee", nonceCount: 2)
        let header = try AuthHeader.parse(Array(credentials.header.serialized.utf8)[...])
        #expect(DigestCredentials(header) == credentials && credentials.nonceCountValue == 2)
        #expect(DigestClient.preferred([DigestChallenge(realm: "r", nonce: "n"), challenge])?.algorithm == .sha256)
        #expect(throws: DigestClient.Failure.unsupportedQop) {
            try DigestClient.credentials(for: DigestChallenge(realm: "r", nonce: "n", qop: ["auth-int"]), method: .invite,
                                         uri: "sip:a@b", username: "u", password: "p", cnonce: "c", nonceCount: 1)
        }
    }

    let challenger = DigestChallenger(realm: "switchboard.example", secret: Array("server secret".utf8), nonceLifetime: .seconds(60))

    func answer(_ challenge: DigestChallenge, nc: UInt32 = 1, password: String = "s3cret", uri: String = "sip:agent@switchboard.example")
        throws -> DigestCredentials {
        try DigestClient.credentials(for: challenge, method: .invite, uri: uri, username: "trunk1", password: password,
                                     cnonce: "0a4f113b", nonceCount: nc)
    }

    @Test func serverAcceptsOnceThenRefusesReplays() throws {
        var tracker = NonceCountTracker()
        let challenges = challenger.challenges(at: .milliseconds(1_000), salt: 0xABCDEF)
        #expect(challenges.map(\.algorithm) == [.sha256, .md5])
        let first = try answer(challenges[0])
        let now = SIPInstant.milliseconds(2_000)
        #expect(challenger.verify(first, method: .invite, password: "s3cret", requestURI: "sip:agent@switchboard.example",
                                  at: now, tracker: &tracker) == .accepted(username: "trunk1"))
        #expect(challenger.verify(first, method: .invite, password: "s3cret", at: now, tracker: &tracker) == .rejected("replayed nonce count"))
        let second = try answer(challenges[1], nc: 2)
        #expect(challenger.verify(second, method: .invite, password: "s3cret", at: now, tracker: &tracker) == .accepted(username: "trunk1"))
        let lower = try answer(challenges[0], nc: 1)
        #expect(challenger.verify(lower, method: .invite, password: "s3cret", at: now, tracker: &tracker) == .rejected("replayed nonce count"))
    }

    @Test func forgedWrongAndExpiredAnswersAreRefused() throws {
        var tracker = NonceCountTracker()
        let challenge = challenger.challenges(at: .milliseconds(0), salt: 7)[0]
        let now = SIPInstant.milliseconds(10_000)
        #expect(challenger.verify(try answer(challenge, password: "wrong"), method: .invite, password: "s3cret", at: now,
                                  tracker: &tracker) == .rejected("wrong response"))
        var forged = challenge
        forged.nonce = String(forged.nonce.dropLast()) + (forged.nonce.hasSuffix("0") ? "1" : "0")
        #expect(challenger.verify(try answer(forged), method: .invite, password: "s3cret", at: now, tracker: &tracker)
                == .rejected("nonce not issued here"))
        var otherRealm = challenge
        otherRealm.realm = "elsewhere"
        #expect(challenger.verify(try answer(otherRealm), method: .invite, password: "s3cret", at: now, tracker: &tracker)
                == .rejected("wrong realm"))
        #expect(challenger.verify(try answer(challenge), method: .bye, password: "s3cret", at: now, tracker: &tracker)
                == .rejected("wrong response"), "the method is part of the digest")
        #expect(challenger.verify(try answer(challenge), method: .invite, password: "s3cret", requestURI: "sip:other@x",
                                  at: now, tracker: &tracker) == .rejected("digest uri does not match the Request-URI"))
        let late = SIPInstant.milliseconds(61_000)
        #expect(challenger.verify(try answer(challenge), method: .invite, password: "s3cret", at: late, tracker: &tracker) == .stale)
        #expect(tracker.count == 0, "nothing refused was recorded")
        let otherSecret = DigestChallenger(realm: challenger.realm, secret: Array("another".utf8))
        #expect(otherSecret.verify(try answer(challenge), method: .invite, password: "s3cret", at: now, tracker: &tracker)
                == .rejected("nonce not issued here"))
    }

    @Test func trackerStaysBoundedAndEvictionNeverReopensAReplay() throws {
        var tracker = NonceCountTracker(capacity: 3)
        let nonces = (0..<5).map { challenger.challenges(at: .milliseconds(Int64($0) * 100), salt: UInt64($0))[0] }
        let now = SIPInstant.milliseconds(1_000)
        for challenge in nonces {
            #expect(challenger.verify(try answer(challenge), method: .invite, password: "s3cret", at: now, tracker: &tracker)
                    == .accepted(username: "trunk1"))
        }
        #expect(tracker.count == 3)
        #expect(challenger.verify(try answer(nonces[0]), method: .invite, password: "s3cret", at: now, tracker: &tracker) == .stale,
                "an evicted nonce comes back as stale, never as fresh")
        #expect(challenger.verify(try answer(nonces[4]), method: .invite, password: "s3cret", at: now, tracker: &tracker)
                == .rejected("replayed nonce count"))
    }
}
