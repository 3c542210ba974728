import Agents
import Net
import Orchestrator
import SIP

/// Outbound calls through a trunk (RFC 3261 §13.2, UAC): an INVITE with our SDP offer to the trunk's
/// proxy over the trunk's transport (UDP, or a kept TCP/TLS connection, `+ClientFlows`); 1xx reported as ringing, 401/407 answered once with digest credentials, the ring
/// timeout CANCELs, a final failure reported (busy, declined, no answer, failed), and a 2xx ACKed and
/// made a `SIPCall` whose `CallSession` answers at once (the agent speaks its greeting first).
extension SIPUserAgent {
    /// Places `request`; returns the Call-ID. `onUpdate` hears every status change (on the loop thread).
    public func placeCall(_ request: SIPOutboundCallRequest,
                          onUpdate: @escaping @Sendable (SIPOutboundCallUpdate) -> Void) async throws -> String {
        guard !isDraining else { throw SIPOutboundCallError.draining }
        guard let agent = context.deployment.agents[request.agent] else { throw SIPOutboundCallError.unknownAgent(request.agent) }
        guard let trunk = settings.config.trunks.first(where: { $0.outbound != nil && (request.trunk == nil || $0.name == request.trunk) }),
              let outbound = trunk.outbound else { throw SIPOutboundCallError.noOutboundTrunk(request.trunk) }
        guard outbound.transport != .udp || !udpSockets.isEmpty else { throw SIPOutboundCallError.noUDPListener }
        guard let target = SIPTargetURI.make(request.to, domain: outbound.requestDomain) else {
            throw SIPOutboundCallError.invalidDestination(request.to)
        }
        let port = UInt16(clamping: outbound.proxyPort)
        guard let proxy = try? await Resolver.resolve(outbound.proxyHost, port: port, for: outbound.transport.resolverTransport).first else {
            throw SIPOutboundCallError.unresolvable(outbound.proxyHost)
        }
        if let registry = context.registry, !registry.isAccepting || registry.count >= registry.maximumCalls {
            throw SIPOutboundCallError.atCallLimit
        }
        let flow: SIPFlow
        do { flow = try clientFlow(to: proxy, transport: outbound.transport, serverName: outbound.proxyHost) } catch {
            throw SIPOutboundCallError.unreachable("\(outbound.proxyHost): \(error)")
        }
        let media: any SIPCallMedia
        do { media = try settings.media.open(on: loop) } catch { throw SIPOutboundCallError.noMediaPort("\(error)") }
        let local = localHostPort(for: flow)
        let offerer = SDPOfferer(preferences: settings.config.codecs.map(\.audioCodec))
        let offer = offerer.offer(local: self.local(local.host, port: media.localPort,
                                                    sessionID: UInt64.random(in: 1...UInt64(Int64.max)), version: 1))
        let contact = AddressHeader(NameAddress(contactURI(user: nil, flow: flow)))
        var from = AddressHeader(NameAddress(SIPURI(user: request.callerID ?? outbound.callerID,
                                                    host: .parsingConfigured(outbound.requestDomain))))
        from.tag = Self.randomToken()
        var headers = SIPHeaders(via: [newVia(for: flow, requestHost: nil)], from: from, to: AddressHeader(NameAddress(uri: target)),
                                 callID: Self.randomToken() + "@switchboard", cseq: CSeq(1, .invite),
                                 maxForwards: Dialog.initialMaxForwards, contact: .addresses([contact]), contentType: .sdp)
        headers.allow = Self.allowed
        let invite = SIPRequest(method: .invite, uri: target, headers: headers, body: SDPSerializer.serialize(offer))
        let attempt = OutboundAttempt(request: request, trunk: trunk, outbound: outbound, agent: agent, flow: flow, media: media,
                                      offer: offer, contact: contact, invite: invite, onUpdate: onUpdate)
        outboundAttempts[attempt.callID] = attempt
        let ring = Duration.seconds(request.ringTimeoutSeconds ?? outbound.ringTimeoutSeconds)
        attempt.ringTimer = schedule(at: now.advanced(by: ring), .outboundRing(attempt.callID))
        logger.info("outbound SIP call", metadata: ["call": "\(attempt.callID)", "to": "\(target.serialized)", "trunk": "\(trunk.name)"])
        attempt.report(.calling, "INVITE sent")
        sendInvite(attempt)
        return attempt.callID
    }

    private func sendInvite(_ attempt: OutboundAttempt) {
        let invite = attempt.invite
        let callID = attempt.callID
        sendRequest(invite, on: attempt.flow, onProvisional: { agent, response in
            if let attempt = agent.outboundAttempts[callID], attempt.invite == invite { agent.outboundProvisional(attempt, response) }
        }, onFinal: { agent, response in
            agent.outboundFinal(callID, invite: invite, response: response)
        })
    }

    private func outboundProvisional(_ attempt: OutboundAttempt, _ response: SIPResponse) {
        let first = !attempt.provisionalSeen
        attempt.provisionalSeen = true
        if attempt.cancelRequested, !attempt.cancelSent { sendCancel(attempt) }
        if first || response.statusCode == 180 || response.statusCode == 183, response.statusCode != 100 {
            attempt.report(.ringing, sipStatus: response.statusCode, response.reasonPhrase)
        }
    }

    func outboundRingTimedOut(_ callID: String) {
        guard let attempt = outboundAttempts[callID] else { return }
        attempt.ringTimer = nil
        attempt.cancelRequested = true
        logger.info("outbound call not answered in time; CANCEL", metadata: ["call": "\(callID)"])
        // RFC 3261 §9.1: no CANCEL before a provisional response; it goes out with the first one.
        if attempt.provisionalSeen { sendCancel(attempt) }
    }

    private func sendCancel(_ attempt: OutboundAttempt) {
        attempt.cancelSent = true
        sendRequest(SIPClientAuthorization.cancel(for: attempt.invite), on: attempt.flow) { _, _ in }
    }

    private func outboundFinal(_ callID: String, invite: SIPRequest, response: SIPResponse?) {
        if let response, response.isSuccess, let remoteTag = response.headers.to.tag, let localTag = invite.headers.from.tag,
           let call = calls[DialogID(callID: callID, localTag: localTag, remoteTag: remoteTag)], let ack = call.outboundAck {
            send(.request(ack), on: requestFlow(for: call))  // a retransmitted 2xx (RFC 3261 §13.2.2.4)
            return
        }
        guard let attempt = outboundAttempts[callID], attempt.invite == invite else { return }
        if let response, response.isSuccess {
            return outboundAnswered(attempt, invite: invite, response: response)
        }
        if let response, response.statusCode == 401 || response.statusCode == 407, !attempt.authRetried, !attempt.cancelRequested,
           let password = attempt.outbound.password?.reveal(),
           let retried = SIPClientAuthorization.retry(invite, answering: response, username: attempt.outbound.username ?? attempt.outbound.callerID,
                                                      password: password, cnonce: Self.randomToken(),
                                                      via: newVia(for: attempt.flow, requestHost: nil)) {
            attempt.authRetried = true
            attempt.invite = retried
            sendInvite(attempt)
            return
        }
        finishAttempt(attempt)
        attempt.media.stop()
        guard let response else {
            logger.notice("outbound call not answered by the proxy", metadata: ["call": "\(attempt.callID)"])
            return attempt.report(attempt.cancelRequested ? .noAnswer : .failed, "no response from \(attempt.flow.remote)")
        }
        let status = SIPOutboundCallUpdate.status(forFinal: response.statusCode, cancelledByUs: attempt.cancelRequested)
        logger.info("outbound call failed", metadata: ["call": "\(attempt.callID)", "status": "\(response.statusCode)"])
        attempt.report(status, sipStatus: response.statusCode, response.reasonPhrase)
    }

    private func finishAttempt(_ attempt: OutboundAttempt) {
        attempt.ringTimer?.cancel()
        attempt.ringTimer = nil
        if outboundAttempts[attempt.callID] === attempt { outboundAttempts[attempt.callID] = nil }
    }

    /// A 2xx: ACK it (again, for a retransmission), then make the call and let its session speak.
    private func outboundAnswered(_ attempt: OutboundAttempt, invite: SIPRequest, response: SIPResponse) {
        finishAttempt(attempt)
        guard var dialog = Dialog(uacFor: invite, response: response) else {
            attempt.media.stop()
            return attempt.report(.failed, sipStatus: response.statusCode, "2xx without To tag or Contact")
        }
        let ack = dialog.makeAck(inviteSequence: invite.headers.cseq.sequence, via: newVia(for: attempt.flow, requestHost: nil))
        let offerer = SDPOfferer(preferences: settings.config.codecs.map(\.audioCodec))
        let audio: NegotiatedAudio
        do {
            guard response.headers.contentType?.matches(.sdp) == true else { throw OfferAnswerError.noAudioStream }
            audio = try offerer.accept(try sdpParser.parse(response.body), to: attempt.offer)
        } catch {
            send(.request(ack), on: attempt.flow)
            let bye = dialog.bye(via: newVia(for: attempt.flow, requestHost: nil))
            sendRequest(bye, on: attempt.flow) { _, _ in }
            attempt.media.stop()
            attempt.report(.failed, sipStatus: response.statusCode, "unusable SDP answer: \(error)")
            return
        }
        dialog.confirm()
        let call = SIPCall(dialog: dialog, invite: invite, inviteKey: TransactionKey.client(for: invite)!, flow: attempt.flow,
                           trunk: attempt.trunk, agent: attempt.agent, media: attempt.media, audio: audio,
                           localSDP: attempt.offer, contact: attempt.contact)
        call.phase = .answered
        call.outboundAck = ack
        call.extraVariables = attempt.request.variables.merging(["sip_direction": "outbound"]) { ours, _ in ours }
        call.onEnded = { [onUpdate = attempt.onUpdate, callID = attempt.callID] in
            onUpdate(SIPOutboundCallUpdate(callID: callID, status: .ended, sipStatus: nil, reason: "call ended"))
        }
        calls[dialog.id] = call
        callsPerTrunk[attempt.trunk.name, default: 0] += 1
        send(.request(ack), on: requestFlow(for: call))
        attempt.report(.answered, sipStatus: response.statusCode, response.reasonPhrase)
        startOutboundSession(call)
    }

    private func startOutboundSession(_ call: SIPCall) {
        let transport = SIPSessionTransport(agent: self, dialogID: call.dialog.id)
        let session: CallSession
        let formats = call.media.sessionFormats(for: call.agent, audio: call.audio)
        do {
            session = try CallStarter.start(context: context, agent: call.agent, callID: call.callID, variables: variables(of: call),
                                            inputFormat: formats.input, outputFormat: formats.output,
                                            loop: loop, transport: transport, answerNow: false)
        } catch {
            logger.warning("outbound call has no session: \(error.reason)", metadata: ["call": "\(call.callID)"])
            end(call, reason: .failedToAnswer, sendBye: true)
            return
        }
        call.session = session
        do {
            try call.media.start(SIPMediaParameters(audio: call.audio), session: session,
                                 delegate: SIPMediaEvents(agent: self, dialogID: call.dialog.id))
        } catch {
            end(call, reason: .mediaTimeout, sessionReason: .transportFailed, sendBye: true)
            return
        }
        emit(.answered(callID: call.callID, agent: call.agent.name))
        session.assumeIsolated { $0.answer() }
    }
}
