import Agents
import SIP

/// Digest authentication of a trunk's INVITEs (RFC 7616 over SIP, RFC 3261 §22.4): the pure
/// `DigestChallenger` issues expiring, unforgeable nonces; the `NonceCountTracker` kept per trunk refuses
/// a replayed nonce count.
extension SIPUserAgent {
    enum DigestOutcome {
        case accepted
        /// Answer 401 with fresh challenges (stale=true when the credentials were right but the nonce old).
        case challenge(stale: Bool)
        /// Answer 403: wrong user, wrong response, or a replayed nonce count.
        case refused(String)
    }

    func checkDigest(_ request: SIPRequest, trunk: SIPTrunk) -> DigestOutcome {
        guard let digest = trunk.digest, let challenger = challengers[trunk.name] else { return .accepted }
        guard let header = try? request.headers.authorization(), header.scheme.sipCaseInsensitiveEquals("Digest"),
              let credentials = DigestCredentials(header) else { return .challenge(stale: false) }
        guard credentials.username == digest.username else { return .refused("unknown user") }
        var tracker = nonceTrackers[trunk.name] ?? NonceCountTracker()
        defer { nonceTrackers[trunk.name] = tracker }
        switch challenger.verify(credentials, method: request.method, password: digest.password.reveal(),
                                 requestURI: request.uri.serialized, at: now, tracker: &tracker) {
        case .accepted: return .accepted
        case .stale: return .challenge(stale: true)
        case .rejected(let reason) where reason == "nonce not issued here": return .challenge(stale: false)
        case .rejected(let reason): return .refused(reason)
        }
    }

    func addChallenges(_ response: inout SIPResponse, trunk: SIPTrunk, stale: Bool) {
        guard let challenger = challengers[trunk.name] else { return }
        for challenge in challenger.challenges(at: now, salt: UInt64.random(in: 0...UInt64.max), stale: stale) {
            response.headers.add("WWW-Authenticate", challenge.header.serialized)
        }
    }
}
