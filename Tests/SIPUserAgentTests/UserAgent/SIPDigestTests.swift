import Agents
import SIP
import Telephony
import Testing

/// A trunk with digest credentials: the first INVITE is challenged, the answer admitted, a replay refused.
@Suite struct SIPDigestTests {
    static let digest = SIPTrunk.Digest(username: "carrier7", password: Secret("s3cret"), realm: "switchboard.test")

    static func authorization(for challenge: SIPResponse, uri: String, nonceCount: UInt32 = 1) throws -> String {
        let challenges = try challenge.headers.wwwAuthenticate().compactMap(DigestChallenge.init)
        let preferred = try #require(DigestClient.preferred(challenges))
        let credentials = try DigestClient.credentials(for: preferred, method: .invite, uri: uri, username: "carrier7",
                                                       password: "s3cret", cnonce: "f00d42", nonceCount: nonceCount)
        return "Authorization: " + credentials.header.serialized
    }

    @Test func theChallengeIsAnsweredAndAReplayedNonceCountIsRefused() async throws {
        try await withSIPServer(digest: Self.digest) { server, peer in
            let script = SIPScript(peer: peer)
            try await script.sendInvite()
            let challenge = try await peer.finalResponse()
            #expect(challenge.statusCode == 401)
            #expect(try challenge.headers.wwwAuthenticate().count == 2, "SHA-256 and MD5")
            #expect(server.mediaOpened == 0)
            try await peer.send(script.request("ACK", cseq: 1, toTag: challenge.headers.to.tag))
            let authorization = try Self.authorization(for: challenge, uri: script.requestURI)
            try await script.sendInvite(cseq: 2, headers: [authorization])
            let ok = try await peer.response(200)
            try await peer.send(script.request("ACK", cseq: 2, toTag: ok.headers.to.tag))

            var replay = SIPScript(peer: peer)
            replay.callID = "replayed-call"
            try await replay.sendInvite(cseq: 2, headers: [authorization])
            let refused = try await peer.finalResponse(callID: "replayed-call")
            #expect(refused.statusCode == 403)
            #expect(refused.headers.callID == "replayed-call")
            try await server.event("replay refused") { if case .refused("replayed-call", 403, _) = $0 { true } else { false } }
            #expect(server.mediaOpened == 1)
        }
    }

    @Test func aWrongPasswordIsRefused() async throws {
        try await withSIPServer(digest: Self.digest) { _, peer in
            let script = SIPScript(peer: peer)
            try await script.sendInvite()
            let challenge = try await peer.finalResponse()
            let challenges = try challenge.headers.wwwAuthenticate().compactMap(DigestChallenge.init)
            let credentials = try DigestClient.credentials(for: try #require(challenges.first), method: .invite, uri: script.requestURI,
                                                           username: "carrier7", password: "wrong", cnonce: "c", nonceCount: 1)
            try await peer.send(script.request("ACK", cseq: 1, toTag: challenge.headers.to.tag))
            try await script.sendInvite(cseq: 2, headers: ["Authorization: " + credentials.header.serialized])
            let refused = try await peer.response(403)
            #expect(refused.headers.cseq.sequence == 2)
        }
    }
}
