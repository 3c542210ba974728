import Agents
import Conversation
import Net
import Orchestrator
import SIP
import Speech

/// One SIP call as the user agent keeps it: the dialog, the INVITE it came from and the flow it came on,
/// its trunk and agent, its media and session, and the timers of the UAS core (ringing, 2xx
/// retransmission until ACK, session refresh). Loop-confined; owned by the user agent.
final class SIPCall {
    enum Phase { case ringing, answered, ended }

    var phase = Phase.ringing
    var dialog: Dialog
    let invite: SIPRequest
    let inviteKey: TransactionKey
    let flow: SIPFlow
    let trunk: SIPTrunk
    let agent: AgentConfig
    let media: any SIPCallMedia
    var audio: NegotiatedAudio
    var localSDP: SessionDescription
    /// Our Contact in responses and requests.
    let contact: AddressHeader
    var session: CallSession?
    var successRetransmitter: SuccessRetransmitter?
    var retransmitTimers: [TransactionTimer: TimerHandle] = [:]
    /// The session-timer answer to the INVITE, used in the 200 OK.
    var timerOutcome = SessionTimerPolicy.Outcome.notUsed
    var sessionTimer: SessionRefreshMachine?
    var refreshTimer: TimerHandle?
    var ringTimer: TimerHandle?
    /// True while our own re-INVITE or UPDATE is outstanding (a peer's re-INVITE then gets 491).
    var isRefreshing = false
    /// Outbound calls: the ACK for our INVITE's 2xx, sent again for each retransmitted 2xx.
    var outboundAck: SIPRequest?
    /// Variables the call was placed with (outbound), merged into the session's.
    var extraVariables: [String: String] = [:]
    /// Called once when the call ends (outbound status reporting).
    var onEnded: (() -> Void)?
    /// Our REFER, while the transfer is in progress.
    var transfer: PendingTransfer?

    init(dialog: Dialog, invite: SIPRequest, inviteKey: TransactionKey, flow: SIPFlow, trunk: SIPTrunk, agent: AgentConfig,
         media: any SIPCallMedia, audio: NegotiatedAudio, localSDP: SessionDescription, contact: AddressHeader) {
        self.dialog = dialog
        self.invite = invite
        self.inviteKey = inviteKey
        self.flow = flow
        self.trunk = trunk
        self.agent = agent
        self.media = media
        self.audio = audio
        self.localSDP = localSDP
        self.contact = contact
    }

    var callID: String { dialog.id.callID }

    func cancelTimers() {
        for timer in retransmitTimers.values { timer.cancel() }
        retransmitTimers.removeAll()
        refreshTimer?.cancel()
        refreshTimer = nil
        ringTimer?.cancel()
        ringTimer = nil
    }
}

/// The `CallTransport` a SIP call's session gets: audio, marks and clears go to the call's media, and
/// the session's hang-up becomes a BYE. Holds only the user agent and the dialog id (both `Sendable`),
/// and enters the user agent synchronously: the session runs on the same loop.
final class SIPSessionTransport: CallTransport, Sendable {
    let agent: SIPUserAgent
    let dialogID: DialogID

    init(agent: SIPUserAgent, dialogID: DialogID) {
        self.agent = agent
        self.dialogID = dialogID
    }

    func send(audio: AudioChunk) {
        agent.assumeIsolated { [dialogID] in $0.calls[dialogID]?.media.transport.send(audio: audio) }
    }

    func sendMark(_ mark: MarkID) {
        agent.assumeIsolated { [dialogID] in $0.calls[dialogID]?.media.transport.sendMark(mark) }
    }

    func clear() {
        agent.assumeIsolated { [dialogID] in $0.calls[dialogID]?.media.transport.clear() }
    }

    func hangUp(_ reason: SessionEndReason) {
        agent.assumeIsolated { [dialogID] in $0.sessionHungUp(dialogID, reason: reason) }
    }

    /// Blind transfer: REFER in the dialog; the outcome reaches the session when the final NOTIFY
    /// arrives (or the REFER is refused, or `transferTimeout` passes).
    func transfer(_ transfer: CallTransfer) -> TransferStart {
        agent.assumeIsolated { [dialogID] in $0.startTransfer(transfer, in: dialogID) }
    }
}

/// Digits and media timeouts of one call, handed to the user agent.
final class SIPMediaEvents: SIPCallMediaDelegate {
    let agent: SIPUserAgent
    let dialogID: DialogID

    init(agent: SIPUserAgent, dialogID: DialogID) {
        self.agent = agent
        self.dialogID = dialogID
    }

    func mediaReceivedDigit(_ digit: Character) {
        agent.assumeIsolated { [dialogID] in $0.digitReceived(digit, in: dialogID) }
    }

    func mediaTimedOut() {
        agent.assumeIsolated { [dialogID] in $0.mediaTimedOut(dialogID) }
    }
}
