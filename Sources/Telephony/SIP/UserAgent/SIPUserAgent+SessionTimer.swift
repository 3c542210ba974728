import SIP

/// Session timers (RFC 4028) on a live call, run by the pure `SessionRefreshMachine`: as refresher we
/// send UPDATE when the peer allows it, else a re-INVITE with our current SDP (a 422 raises the interval
/// and retries); as the other side we BYE when no refresh came in time.
extension SIPUserAgent {
    /// (Re)arms the session timer of `call` with `timer` (a new negotiation counts as a refresh).
    func runSessionTimer(_ call: SIPCall, _ timer: SessionTimer, start: Bool) {
        var machine = call.sessionTimer ?? SessionRefreshMachine(timer: timer)
        let actions = start && call.sessionTimer == nil ? machine.start(at: now) : machine.refreshed(with: timer, at: now)
        call.sessionTimer = machine
        performSessionTimer(actions, call: call)
    }

    func sessionTimerFired(_ call: SIPCall) {
        guard var machine = call.sessionTimer, call.phase == .answered else { return }
        let next = machine.timerFired(at: now)
        call.sessionTimer = machine
        performSessionTimer(next, call: call)
    }

    private func performSessionTimer(_ actions: [SessionRefreshMachine.Action], call: SIPCall) {
        for action in actions {
            switch action {
            case .startTimer(let deadline):
                call.refreshTimer?.cancel()
                call.refreshTimer = schedule(at: deadline, .sessionTimer(call.dialog.id))
            case .sendRefresh(let timer): sendRefresh(call, timer: timer)
            case .expired:
                logger.notice("session timer expired; ending the call", metadata: ["call": "\(call.callID)"])
                end(call, reason: .sessionExpired, sessionReason: .transportFailed, sendBye: true)
            }
        }
    }

    private func sendRefresh(_ call: SIPCall, timer: SessionTimer) {
        guard call.phase == .answered else { return }
        let flow = requestFlow(for: call)
        let via = newVia(for: call.flow, requestHost: call.invite.uri.sipURI?.host)
        let peerAllowsUpdate = call.invite.headers.allow?.contains(.update) ?? false
        var header = timer.header
        header.refresher = timer.refresher
        let request: SIPRequest
        if peerAllowsUpdate {
            request = call.dialog.update(via: via, contact: call.contact, sessionExpires: header)
        } else {
            call.localSDP.origin.sessionVersion += 1
            request = call.dialog.reInvite(via: via, contact: call.contact, sdp: SDPSerializer.serialize(call.localSDP),
                                           sessionExpires: header)
        }
        call.isRefreshing = true
        let id = call.dialog.id
        sendRequest(request, on: flow) { agent, response in agent.refreshFinished(id, request: request, timer: timer, response: response) }
    }

    private func refreshFinished(_ id: DialogID, request: SIPRequest, timer: SessionTimer, response: SIPResponse?) {
        guard let call = calls[id], call.phase == .answered else { return }
        call.isRefreshing = false
        let flow = requestFlow(for: call)
        if let response, response.isSuccess, request.method == .invite {
            let via = newVia(for: call.flow, requestHost: call.invite.uri.sipURI?.host)
            send(.request(call.dialog.makeAck(inviteSequence: request.headers.cseq.sequence, via: via)), on: flow)
        }
        guard var machine = call.sessionTimer else { return }
        let actions: [SessionRefreshMachine.Action]
        switch response?.statusCode {
        case let status? where (200..<300).contains(status):
            if let response { call.dialog.receive(response) }
            let agreed = response?.headers.sessionExpires.map {
                SessionTimer(interval: $0.seconds, refresher: $0.refresher ?? timer.refresher, localRole: .uas)
            }
            actions = machine.refreshed(with: agreed, at: now)
        case 422?:
            actions = machine.refreshRefused(minSE: response?.headers.minSE ?? SessionTimer.absoluteMinimum, at: now)
        case 481?, 408?, nil:
            actions = [.expired]
        default:
            // Refused for another reason: the session goes on until expiry (§10), then BYE.
            actions = []
        }
        call.sessionTimer = machine
        performSessionTimer(actions, call: call)
    }
}
