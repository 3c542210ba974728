import Conversation
import Orchestrator
import SIP

/// Blind transfer (RFC 3515, protocols.md §7.6): REFER in the call's dialog with Refer-To, Referred-By
/// and the context headers; 202 means the peer tries; its NOTIFYs (`message/sipfrag`) are answered 200.
/// The outcome goes to the call's session (`CallSession.transferEnded`): a final 2xx sipfrag is success
/// (the session then hangs up as `transferred`, and our BYE follows); a refused REFER, a final non-2xx
/// sipfrag, a subscription terminated without a final status, or no final NOTIFY within
/// `transferTimeout` is a failure and the call stays up (the agent tells the caller).
extension SIPUserAgent {
    func startTransfer(_ transfer: CallTransfer, in id: DialogID) -> TransferStart {
        guard let call = calls[id], call.phase == .answered, call.transfer == nil else { return .failed(.unavailable) }
        let domain = call.dialog.remoteParty.uri.sipURI.map { ViaRouting.plainHost($0.host) }
            ?? call.dialog.remoteTarget.sipURI.map { ViaRouting.plainHost($0.host) } ?? "invalid"
        guard let target = SIPTargetURI.make(transfer.target, domain: domain) else {
            logger.notice("transfer target not usable", metadata: ["call": "\(call.callID)", "target": "\(transfer.target)"])
            return .failed(.invalidTarget)
        }
        let flow = requestFlow(for: call)
        var referredBy = call.dialog.localParty
        referredBy.parameters.removeAll { $0.name.sipLowercased == "tag" }
        var refer = call.dialog.refer(via: newVia(for: flow, requestHost: nil), contact: call.contact,
                                      target: settings.config.transferURIHeaders
                                          ? TransferContextHeaders.referTo(target, transfer: transfer) : target,
                                      referredBy: referredBy)
        refer.headers.otherFields += TransferContextHeaders.fields(for: transfer)
        let pending = PendingTransfer()
        pending.timer = schedule(at: now.advanced(by: settings.transferTimeout), .transferTimeout(id))
        call.transfer = pending
        logger.info("SIP transfer: REFER", metadata: ["call": "\(call.callID)", "target": "\(target.serialized)"])
        sendRequest(refer, on: flow) { agent, response in agent.referAnswered(id, response: response) }
        return .started
    }

    private func referAnswered(_ id: DialogID, response: SIPResponse?) {
        guard let call = calls[id], let pending = call.transfer else { return }
        if let response, response.isSuccess {
            pending.accepted = true
            return
        }
        logger.notice("SIP transfer refused", metadata: ["call": "\(call.callID)", "status": "\(response?.statusCode ?? 0)"])
        let failure = response.map { TransferFailure.refused(status: $0.statusCode) } ?? .timedOut
        transferFinished(call, status: response?.statusCode, outcome: .failed(failure))
    }

    /// A NOTIFY in a call's dialog: 200, and a final sipfrag (or a terminated subscription) ends the transfer.
    func notifyReceived(_ request: SIPRequest, call: SIPCall, key: TransactionKey) {
        reply(request, 200, key: key, toTag: call.dialog.id.localTag)
        let event = (try? request.headers.event()).flatMap { $0 }
        guard call.transfer != nil, event?.package.sipLowercased == "refer" else { return }
        let code = SIPFragStatus.code(request.body)
        if let code, code >= 200 {
            let outcome: TransferOutcome = (200..<300).contains(code)
                ? .completed(status: code) : .failed(.targetFailed(status: code))
            transferFinished(call, status: code, outcome: outcome)
        } else if request.headers.firstValue("Subscription-State")?.lowercased().hasPrefix("terminated") == true {
            transferFinished(call, status: code, outcome: .failed(.unconfirmed))
        }
    }

    func transferTimedOut(_ call: SIPCall) {
        guard call.transfer != nil else { return }
        logger.notice("SIP transfer: no final NOTIFY in time; the call stays", metadata: ["call": "\(call.callID)"])
        transferFinished(call, status: nil, outcome: .failed(.timedOut))
    }

    /// Forgets the transfer, then tells the session, which may hang up (a BYE) from inside this call.
    private func transferFinished(_ call: SIPCall, status: Int?, outcome: TransferOutcome) {
        guard let pending = call.transfer else { return }
        pending.timer?.cancel()
        call.transfer = nil
        logger.info("SIP transfer result", metadata: ["call": "\(call.callID)", "status": "\(status.map(String.init) ?? "-")",
                                                      "outcome": "\(outcome.label)"])
        emit(.transferResult(callID: call.callID, status: status))
        call.session?.assumeIsolated { $0.transferEnded(outcome) }
    }
}
