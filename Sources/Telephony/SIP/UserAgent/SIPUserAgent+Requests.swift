import SIP

/// The UAS core's entry (RFC 3261 §8.2): every request a server transaction passes up is checked for
/// extensions it requires (420) and sent to its handler; requests we do not serve get 405 or 501, and
/// in-dialog requests for no dialog 481.
extension SIPUserAgent {
    /// Methods we accept (the Allow header).
    static let allowed: [SIPMethod] = [.invite, .ack, .cancel, .bye, .options, .info, .update, .notify]
    /// Option tags we support (the Supported header; RFC 4028 session timers).
    static let supported = ["timer"]
    /// Bodies we accept (the Accept header).
    static let accepted = "application/sdp, application/dtmf-relay, application/dtmf"
    /// Methods we know but do not serve here: 405 with Allow (§8.2.1); anything unknown gets 501.
    static let knownMethods: Set<SIPMethod> = [.register, .subscribe, .message, .refer, .prack, "PUBLISH"]

    func dispatch(_ request: SIPRequest, key: TransactionKey, flow: SIPFlow) {
        if request.method == .cancel {
            cancel(request, key: key)
            return
        }
        let unsupported = request.headers.require.filter { tag in !Self.supported.contains { $0.sipCaseInsensitiveEquals(tag) } }
        if !unsupported.isEmpty {
            reply(request, 420, key: key) { $0.headers.add("Unsupported", TokenList.serialize(unsupported)) }
            return
        }
        if request.headers.to.tag != nil {
            inDialog(request, key: key, flow: flow)
            return
        }
        switch request.method {
        case .invite: initialInvite(request, key: key, flow: flow)
        case .options: reply(request, isDraining ? 503 : 200, key: key) { Self.addCapabilities(&$0) }
        case .bye, .info, .update, .notify: reply(request, 481, key: key)
        default: refuseMethod(request, key: key)
        }
    }

    func refuseMethod(_ request: SIPRequest, key: TransactionKey) {
        if Self.knownMethods.contains(request.method) {
            reply(request, 405, key: key) { $0.headers.allow = Self.allowed }
        } else {
            reply(request, 501, key: key)
        }
    }

    /// Answers `request` with `status` (a To tag added when it has none, except on 100).
    func reply(_ request: SIPRequest, _ status: Int, key: TransactionKey, toTag: String? = nil,
               _ configure: (inout SIPResponse) -> Void = { _ in }) {
        var response = SIPResponse(replyingTo: request, statusCode: status, toTag: toTag ?? Self.randomToken())
        configure(&response)
        respond(response, to: key)
    }

    /// Allow, Accept and Supported (OPTIONS answers, 2xx to INVITE, 415/405 hints).
    static func addCapabilities(_ response: inout SIPResponse) {
        response.headers.allow = allowed
        response.headers.supported = supported
        response.headers.add("Accept", accepted)
    }

    /// CANCEL (§9.2): 200 for the CANCEL and 487 for a still-ringing INVITE; 481 when no INVITE matches.
    func cancel(_ cancel: SIPRequest, key: TransactionKey) {
        guard let inviteKey = TransactionKey.cancelled(by: cancel), let invite = serverTransactions[inviteKey] else {
            reply(cancel, 481, key: key)
            return
        }
        reply(cancel, 200, key: key, toTag: cancel.headers.to.tag)
        guard invite.inviteState == .proceeding else { return }
        if let id = callsByInvite[inviteKey], let call = calls[id] {
            end(call, reason: nil, inviteStatus: 487)
            emit(.cancelled(callID: call.callID))
        } else {
            reply(invite.request, 487, key: inviteKey)
        }
    }

    /// An ACK that matched no server transaction: the ACK for a 2xx (§13.3.1.4), matched by dialog.
    func ackReceived(_ ack: SIPRequest) {
        guard let id = DialogID.receiving(ack), let call = calls[id], var retransmitter = call.successRetransmitter else { return }
        guard ack.headers.cseq.sequence == retransmitter.response.headers.cseq.sequence else { return }
        _ = retransmitter.acknowledged()
        call.successRetransmitter = nil
        for timer in call.retransmitTimers.values { timer.cancel() }
        call.retransmitTimers.removeAll()
    }
}
