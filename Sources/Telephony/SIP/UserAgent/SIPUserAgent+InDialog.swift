import Net
import Orchestrator
import SIP

/// Requests inside a call's dialog (RFC 3261 §12.2.2): unknown dialog 481, CSeq going backwards 500, then
/// BYE (200, the call ends), re-INVITE and UPDATE (`+ReInvite`), INFO with DTMF, OPTIONS, NOTIFY.
extension SIPUserAgent {
    func inDialog(_ request: SIPRequest, key: TransactionKey, flow: SIPFlow) {
        guard let id = DialogID.receiving(request), let call = calls[id] else {
            reply(request, 481, key: key, toTag: request.headers.to.tag)
            return
        }
        let toTag = call.dialog.id.localTag
        switch call.dialog.receive(request) {
        case .accepted: break
        case .outOfOrder: return reply(request, 500, key: key, toTag: toTag) { $0.reasonPhrase = "CSeq Out Of Order" }
        case .unknownDialog: return reply(request, 481, key: key, toTag: toTag)
        }
        switch request.method {
        case .bye:
            reply(request, 200, key: key, toTag: toTag)
            end(call, reason: .remoteBye)
        case .invite: reInvite(request, call: call, key: key)
        case .update: update(request, call: call, key: key)
        case .info: info(request, call: call, key: key)
        case .options: reply(request, 200, key: key, toTag: toTag) { Self.addCapabilities(&$0) }
        case .notify: notifyReceived(request, call: call, key: key)
        default: refuseMethod(request, key: key)
        }
    }

    /// INFO with `application/dtmf-relay` or `application/dtmf`: the key goes to the session. An empty
    /// INFO (a keep-alive) gets 200; other bodies 415 with Accept.
    func info(_ request: SIPRequest, call: SIPCall, key: TransactionKey) {
        let toTag = call.dialog.id.localTag
        guard !request.body.isEmpty else { return reply(request, 200, key: key, toTag: toTag) }
        guard let type = request.headers.contentType, InfoDTMF.accepts(type) else {
            return reply(request, 415, key: key, toTag: toTag) { $0.headers.add("Accept", "application/dtmf-relay, application/dtmf") }
        }
        guard let digit = InfoDTMF.key(in: request.body, type: type) else {
            return reply(request, 400, key: key, toTag: toTag) { $0.reasonPhrase = "No DTMF Signal" }
        }
        reply(request, 200, key: key, toTag: toTag)
        digitReceived(digit, in: call.dialog.id)
    }

    func digitReceived(_ digit: Character, in id: DialogID) {
        guard let call = calls[id], call.phase == .answered else { return }
        emit(.digit(callID: call.callID, key: digit))
        call.session?.assumeIsolated { $0.dtmf(digit) }
    }

    func mediaTimedOut(_ id: DialogID) {
        guard let call = calls[id] else { return }
        logger.notice("no RTP; ending the call", metadata: ["call": "\(call.callID)"])
        end(call, reason: .mediaTimeout, sessionReason: .transportFailed, sendBye: true)
    }

    /// The session ended the call itself (goodbye, no input, maximum duration, shutdown): BYE.
    func sessionHungUp(_ id: DialogID, reason: SessionEndReason) {
        guard let call = calls[id] else { return }
        call.session = nil
        end(call, reason: reason == .transferred ? .transferred : .localBye, sendBye: true)
    }

    /// Where in-dialog requests to the peer go: the same stream when the call came over TCP/TLS (flow
    /// reuse), else the dialog's next hop when it is a numeric address, else where the INVITE came from.
    func requestFlow(for call: SIPCall) -> SIPFlow {
        switch call.flow {
        case .stream: return call.flow
        case .datagram(let socket, let source):
            if let uri = call.dialog.nextHop.sipURI, uri.host.isAddress,
               let address = SocketAddress(host: ViaRouting.plainHost(uri.host), port: uri.port ?? ViaRouting.defaultPort) {
                return .datagram(socket: socket, remote: address)
            }
            return .datagram(socket: socket, remote: source)
        }
    }
}
