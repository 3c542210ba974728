import Agents
import Net
import SIP

/// One configured registration as the user agent keeps it (loop-confined): the constant Call-ID and
/// From tag of its REGISTERs (RFC 3261 §10.2.4), the CSeq counter, the registrar's resolved address,
/// the flow it uses, the digest challenge it reuses, the state, and the pending refresh or retry timer.
final class RegistrationBinding {
    let config: SIPRegistration
    let index: Int
    let callID = SIPUserAgent.randomToken() + "@switchboard"
    let fromTag = SIPUserAgent.randomToken()
    var sequence: UInt32 = 0
    var remote: SocketAddress?
    /// The flow REGISTERs go on (a TCP/TLS connection is kept for the binding's life); nil until the
    /// first REGISTER or after the connection was lost.
    var flow: SIPFlow?
    /// A REGISTER of ours is waiting for its final response.
    var awaitingAnswer = false
    /// The registrar's last digest challenge (401: false, 407: true), answered again pre-emptively with
    /// the next nonce count on each refresh (RFC 7616 §3.4) until a new 401/407 replaces it.
    var challenge: (digest: DigestChallenge, proxy: Bool)?
    /// The nonce count last sent with `challenge`'s nonce; strictly increasing per nonce.
    var nonceCount: UInt32 = 0
    var state = SIPRegistrationState.unregistered
    var failures = 0
    var timer: TimerHandle?
    /// True once a request of this round was retried with credentials (one retry per round).
    var authRetried = false
    /// Set while an expires=0 REGISTER is outstanding.
    var removing = false
    /// The registrar's Min-Expires after a 423, used for every later refresh.
    var minimumExpires: Int?

    /// The lifetime to ask for: the configured one, raised to the registrar's minimum.
    var requestedExpires: Int { max(config.expires, minimumExpires ?? 0) }

    init(config: SIPRegistration, index: Int) {
        self.config = config
        self.index = index
    }

    /// The digest user name: `auth_username`, else the AOR user.
    var authUsername: String { config.authUsername ?? config.user }

    var aor: SIPURI { SIPURI(user: config.user, host: .parsingConfigured(config.aorDomain)) }

    func nextSequence() -> UInt32 {
        sequence += 1
        return sequence
    }

    /// The trunk an INVITE through this registration is treated as coming from (no allow list or digest:
    /// the registrar authenticated us; the INVITE is matched by source and contact user).
    var trunk: SIPTrunk {
        SIPTrunk(name: "registration:\(config.label)", allow: [], defaultAgent: config.agent)
    }
}
