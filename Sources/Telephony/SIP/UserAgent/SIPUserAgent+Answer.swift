import Agents
import Net
import Orchestrator
import SIP

/// Answering a ringing call: the `CallSession` is created the way every endpoint creates one
/// (`CallStarter`: providers for the agent, the call registry), the 200 OK with the SDP answer is sent and
/// retransmitted until the ACK (RFC 3261 §13.3.1.4), then media starts and the session answers.
extension SIPUserAgent {
    func answer(_ call: SIPCall) {
        let timerOutcome = call.timerOutcome
        guard call.phase == .ringing else { return }
        call.ringTimer = nil
        let transport = SIPSessionTransport(agent: self, dialogID: call.dialog.id)
        let session: CallSession
        let formats = call.media.sessionFormats(for: call.agent, audio: call.audio)
        do {
            session = try CallStarter.start(context: context, agent: call.agent, callID: call.callID, variables: variables(of: call),
                                            inputFormat: formats.input, outputFormat: formats.output,
                                            loop: loop, transport: transport, answerNow: false)
        } catch {
            logger.warning("SIP call not answered: \(error.reason)", metadata: ["call": "\(call.callID)"])
            end(call, reason: .failedToAnswer, inviteStatus: 503)
            return
        }
        call.session = session
        var ok = SIPResponse(replyingTo: call.invite, statusCode: 200, toTag: call.dialog.id.localTag,
                             contact: .addresses([call.contact]), contentType: .sdp, body: SDPSerializer.serialize(call.localSDP))
        Self.addCapabilities(&ok)
        if case .agreed(let timer, let requireTimer) = timerOutcome {
            ok.headers.sessionExpires = timer.header
            if requireTimer { ok.headers.require = ["timer"] }
        }
        respond(ok, to: call.inviteKey)
        call.dialog.confirm()
        call.phase = .answered
        startRetransmitting(ok, for: call)
        if case .agreed(let timer, _) = timerOutcome { runSessionTimer(call, timer, start: true) }
        do {
            try call.media.start(SIPMediaParameters(audio: call.audio), session: session,
                                 delegate: SIPMediaEvents(agent: self, dialogID: call.dialog.id))
        } catch {
            logger.warning("SIP call media failed to start: \(error)", metadata: ["call": "\(call.callID)"])
            end(call, reason: .mediaTimeout, sessionReason: .transportFailed, sendBye: true)
            return
        }
        emit(.answered(callID: call.callID, agent: call.agent.name))
        session.assumeIsolated { $0.answer() }
    }

    /// What the session's variables say about the call (records and templates).
    func variables(of call: SIPCall) -> [String: String] {
        var variables = ["sip_trunk": call.trunk.name, "sip_call_id": call.callID]
        if let from = call.invite.headers.from.uri.sipURI?.unescapedUser ?? call.invite.headers.from.uri.telNumber {
            variables["caller"] = from
        }
        if let to = call.invite.uri.sipURI?.unescapedUser ?? call.invite.uri.telNumber { variables["called"] = to }
        variables.merge(call.extraVariables) { ours, _ in ours }
        return variables
    }

    /// The UAS core's 2xx retransmission (T1 doubling to T2, UDP only) until the ACK; no ACK after 64·T1
    /// ends the call with BYE.
    func startRetransmitting(_ response: SIPResponse, for call: SIPCall) {
        for timer in call.retransmitTimers.values { timer.cancel() }
        call.retransmitTimers.removeAll()
        var retransmitter = SuccessRetransmitter(response: response, isReliable: call.flow.isReliable, timers: settings.timers)
        let actions = retransmitter.start(at: now)
        call.successRetransmitter = retransmitter
        performRetransmission(actions, for: call)
    }

    func retransmissionTimerFired(_ timer: TransactionTimer, call: SIPCall) {
        guard var retransmitter = call.successRetransmitter, call.phase != .ended else { return }
        let next = retransmitter.timerFired(timer, at: now)
        call.successRetransmitter = retransmitter
        performRetransmission(next, for: call)
    }

    private func performRetransmission(_ actions: [TransactionAction], for call: SIPCall) {
        for action in actions {
            switch action {
            case .sendResponse(let response): send(.response(response), on: call.flow)
            case .startTimer(let timer, let deadline):
                call.retransmitTimers[timer] = schedule(at: deadline, .retransmit(call.dialog.id, timer))
            case .cancelTimer(let timer): call.retransmitTimers.removeValue(forKey: timer)?.cancel()
            case .timedOut:
                logger.notice("no ACK for 200 OK; ending the call", metadata: ["call": "\(call.callID)"])
                call.successRetransmitter = nil
                end(call, reason: .ackTimeout, sessionReason: .transportFailed, sendBye: true)
            case .terminated: call.successRetransmitter = nil
            default: break
            }
        }
    }
}
