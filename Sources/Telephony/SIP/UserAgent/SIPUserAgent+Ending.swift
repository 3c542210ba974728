import Orchestrator
import SIP

/// The one way a SIP call ends, whatever ended it: timers cancelled, media stopped (its port released),
/// the call forgotten and its trunk slot freed, the INVITE answered if it was still ringing (487 for
/// CANCEL, 503 otherwise), BYE sent when we end an answered call, and the session told (hang-up for a
/// BYE from the peer, `terminate` for our own reasons). Runs once per call.
extension SIPUserAgent {
    /// - Parameters:
    ///   - reason: recorded in the `.ended` event; nil for a call that never answered (cancelled).
    ///   - inviteStatus: the final response for a still-ringing INVITE.
    ///   - sessionReason: passed to `CallSession.terminate` when we end the call for our own reasons.
    func end(_ call: SIPCall, reason: SIPCallEndReason?, inviteStatus: Int = 503, sessionReason: SessionEndReason? = nil,
             sendBye: Bool = false) {
        guard call.phase != .ended else { return }
        let wasRinging = call.phase == .ringing
        call.phase = .ended
        call.cancelTimers()
        call.successRetransmitter = nil
        call.media.stop()
        calls[call.dialog.id] = nil
        callsByInvite[call.inviteKey] = nil
        callsPerTrunk[call.trunk.name, default: 1] -= 1
        if wasRinging {
            reply(call.invite, inviteStatus, key: call.inviteKey, toTag: call.dialog.id.localTag)
        } else if sendBye {
            let via = newVia(for: call.flow, requestHost: call.invite.uri.sipURI?.host)
            let bye = call.dialog.bye(via: via)
            let callID = call.callID
            sendRequest(bye, on: requestFlow(for: call)) { agent, response in
                if response == nil { agent.logger.notice("BYE not answered", metadata: ["call": "\(callID)"]) }
            }
        }
        call.dialog.terminate()
        call.transfer?.timer?.cancel()
        call.transfer = nil
        if let onEnded = call.onEnded {
            call.onEnded = nil
            onEnded()
        }
        if let session = call.session {
            call.session = nil
            if reason == .remoteBye {
                session.assumeIsolated { $0.hangUp() }
            } else {
                session.assumeIsolated { $0.terminate(sessionReason ?? .transportFailed) }
            }
        }
        if let reason {
            logger.info("SIP call ended", metadata: ["call": "\(call.callID)", "reason": "\(reason.rawValue)"])
            emit(.ended(callID: call.callID, reason: reason))
        }
    }
}
