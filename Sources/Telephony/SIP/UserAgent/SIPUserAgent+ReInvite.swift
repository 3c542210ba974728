import SIP

/// Re-INVITE and UPDATE from the peer (RFC 3261 §14.2, RFC 3311): a new offer is answered keeping the
/// current codec when still offered (488 leaves the session as it was), the media is updated (hold:
/// `sendonly`/`inactive` offers are answered `recvonly`/`inactive`), the SDP version grows, and the
/// session timer is renegotiated (RFC 4028: 422 when too small, none when the request carries none).
extension SIPUserAgent {
    func reInvite(_ request: SIPRequest, call: SIPCall, key: TransactionKey) {
        let toTag = call.dialog.id.localTag
        guard call.phase == .answered, call.successRetransmitter == nil, !call.isRefreshing else {
            // §14.2: an INVITE while ours is pending, or before the previous 2xx was ACKed.
            return reply(request, call.isRefreshing ? 491 : 500, key: key, toTag: toTag) { $0.headers.add("Retry-After", "1") }
        }
        guard let answer = negotiate(request, call: call, key: key) else { return }
        respond(answer, to: key)
        startRetransmitting(answer, for: call)
    }

    func update(_ request: SIPRequest, call: SIPCall, key: TransactionKey) {
        guard call.phase == .answered else {
            return reply(request, 491, key: key, toTag: call.dialog.id.localTag) { $0.headers.add("Retry-After", "1") }
        }
        guard let answer = negotiate(request, call: call, key: key) else { return }
        respond(answer, to: key)
    }

    /// The 2xx for a re-INVITE or UPDATE (with an SDP answer when the request had an offer), or nil when
    /// a refusal was sent.
    private func negotiate(_ request: SIPRequest, call: SIPCall, key: TransactionKey) -> SIPResponse? {
        let toTag = call.dialog.id.localTag
        let timerOutcome = sessionTimerPolicy.answer(request)
        if case .tooSmall(let minimum) = timerOutcome {
            reply(request, 422, key: key, toTag: toTag) { $0.headers.minSE = minimum }
            return nil
        }
        var body: [UInt8] = []
        if !request.body.isEmpty {
            guard let type = request.headers.contentType, type.matches(.sdp) else {
                reply(request, 415, key: key, toTag: toTag) { $0.headers.add("Accept", "application/sdp") }
                return nil
            }
            guard let offer = try? sdpParser.parse(request.body) else {
                reply(request, 400, key: key, toTag: toTag) { $0.reasonPhrase = "Malformed SDP" }
                return nil
            }
            let version = call.localSDP.origin.sessionVersion + 1
            let local = local(advertisedHost(requestHost: call.invite.uri.sipURI?.host), port: call.media.localPort,
                              sessionID: call.localSDP.origin.sessionID, version: version)
            guard let answered = try? answerer(preferring: call.audio.codec).answer(offer, local: local) else {
                reply(request, 488, key: key, toTag: toTag)
                return nil
            }
            let previous = call.audio.direction
            call.audio = answered.audio
            call.localSDP = answered.answer
            call.media.update(SIPMediaParameters(audio: answered.audio))
            if previous != answered.audio.direction || answered.audio.remoteAddress.isUnspecified {
                let direction = answered.audio.remoteAddress.isUnspecified ? MediaDirection.inactive : answered.audio.direction
                emit(.directionChanged(callID: call.callID, direction: direction.rawValue))
            }
            body = SDPSerializer.serialize(call.localSDP)
        } else if request.method == .invite {
            // An offerless re-INVITE: our current description is the offer (answered in the ACK).
            body = SDPSerializer.serialize(call.localSDP)
        }
        var ok = SIPResponse(replyingTo: request, statusCode: 200, toTag: toTag, contact: .addresses([call.contact]),
                             contentType: .sdp, body: body)
        Self.addCapabilities(&ok)
        switch timerOutcome {
        case .agreed(let timer, let requireTimer):
            ok.headers.sessionExpires = timer.header
            if requireTimer { ok.headers.require = ["timer"] }
            runSessionTimer(call, timer, start: call.sessionTimer == nil)
        case .notUsed:
            call.sessionTimer = nil
            call.refreshTimer?.cancel()
            call.refreshTimer = nil
        case .tooSmall: break
        }
        return ok
    }
}
