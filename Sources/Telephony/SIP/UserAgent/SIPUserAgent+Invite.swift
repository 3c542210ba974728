import Agents
import Net
import SIP

/// A new INVITE (out of dialog), checked in order before any media port is opened: draining (503), the
/// source's trunk (403: never a challenge for unknown sources), a Contact (400), digest credentials
/// (401 challenge, 403 on a replayed or wrong answer), session-timer interval (422), call limits (503
/// server, 486 trunk), the agent for the called user (404), the SDP offer (415, 400, 488). Then media is
/// opened, 180 Ringing sent, and the call answered after the ring time.
extension SIPUserAgent {
    func initialInvite(_ invite: SIPRequest, key: TransactionKey, flow: SIPFlow) {
        let callID = invite.headers.callID
        func refuse(_ status: Int, _ reason: String, _ configure: (inout SIPResponse) -> Void = { _ in }) {
            logger.info("INVITE refused", metadata: ["call": "\(callID)", "status": "\(status)", "reason": "\(reason)",
                                                     "source": "\(flow.remote)"])
            reply(invite, status, key: key, configure)
            emit(.refused(callID: callID, status: status, reason: reason))
        }
        guard !isDraining else { return refuse(503, "draining") }
        guard let trunk = settings.config.trunk(for: flow.remote.ip.bytes) ?? registrationTrunk(for: invite, source: flow.remote) else {
            return refuse(403, "source not allowed")
        }
        guard invite.headers.contact?.addresses.first != nil else { return refuse(400, "missing Contact") }
        if trunk.digest != nil {
            switch checkDigest(invite, trunk: trunk) {
            case .accepted: break
            case .challenge(let stale):
                return refuse(401, stale ? "stale nonce" : "authentication required") { response in
                    self.addChallenges(&response, trunk: trunk, stale: stale)
                }
            case .refused(let why): return refuse(403, why)
            }
        }
        let timerOutcome = sessionTimerPolicy.answer(invite)
        if case .tooSmall(let minimum) = timerOutcome {
            return refuse(422, "session interval too small") { $0.headers.minSE = minimum }
        }
        if let registry = context.registry, !registry.isAccepting || registry.count >= registry.maximumCalls {
            return refuse(503, "server at its call limit")
        }
        if let limit = trunk.maxCalls, callsPerTrunk[trunk.name, default: 0] >= limit {
            return refuse(486, "trunk \(trunk.name) at its call limit")
        }
        let user = invite.uri.sipURI?.unescapedUser ?? (invite.uri.telNumber)
        guard let agentName = trunk.agentName(forUser: user) ?? context.deployment.server.defaultAgent,
              let agent = context.deployment.agents[agentName] else { return refuse(404, "no agent for \(user ?? "-")") }
        guard let contentType = invite.headers.contentType, !invite.body.isEmpty else {
            return refuse(488, "no SDP offer (late offer is not supported)")
        }
        guard contentType.matches(.sdp) else {
            return refuse(415, "body is \(contentType.type)/\(contentType.subtype)") { $0.headers.add("Accept", "application/sdp") }
        }
        let offer: SessionDescription
        do { offer = try sdpParser.parse(invite.body) } catch { return refuse(400, "malformed SDP: \(error)") }
        let host = advertisedHost(requestHost: invite.uri.sipURI?.host)
        let sessionID = UInt64.random(in: 1...UInt64(Int64.max))
        do {
            // Checked before a port is opened: no common codec is 488 with no media.
            _ = try answerer(preferring: nil).answer(offer, local: local(host, port: 9, sessionID: sessionID, version: 1))
        } catch {
            return refuse(488, "no common codec")
        }
        let media: any SIPCallMedia
        do { media = try settings.media.open(on: loop) } catch { return refuse(503, "no media port: \(error)") }
        let answered: (answer: SessionDescription, audio: NegotiatedAudio)
        do {
            answered = try answerer(preferring: nil).answer(offer, local: local(host, port: media.localPort, sessionID: sessionID, version: 1))
        } catch {
            media.stop()
            return refuse(488, "no common codec")
        }
        let localTag = Self.randomToken()
        guard let dialog = Dialog(uasFor: invite, localTag: localTag,
                                  initialLocalSequence: UInt32.random(in: 1...(CSeq.maxSequence / 2))) else {
            media.stop()
            return refuse(400, "no From tag")
        }
        let local = localHostPort(for: flow, requestHost: invite.uri.sipURI?.host)
        var contactURI = SIPURI(host: local.host, port: local.port)
        if flow.isReliable { contactURI.parameters = [SIPParameter("transport", flow.viaTransport.lowercased())] }
        let call = SIPCall(dialog: dialog, invite: invite, inviteKey: key, flow: flow, trunk: trunk, agent: agent, media: media,
                           audio: answered.audio, localSDP: answered.answer, contact: AddressHeader(NameAddress(contactURI)))
        call.timerOutcome = timerOutcome
        calls[dialog.id] = call
        callsByInvite[key] = dialog.id
        callsPerTrunk[trunk.name, default: 0] += 1
        reply(invite, 180, key: key, toTag: localTag) { $0.headers.contact = .addresses([call.contact]) }
        emit(.ringing(callID: callID, trunk: trunk.name))
        let ring = Duration.milliseconds(settings.config.ringMilliseconds)
        call.ringTimer = schedule(at: now.advanced(by: ring), .ring(dialog.id))
    }

    var sessionTimerPolicy: SessionTimerPolicy {
        SessionTimerPolicy(minimumInterval: UInt32(settings.config.minSessionExpires),
                           maximumInterval: UInt32(settings.config.maxSessionExpires))
    }

    /// The answerer with the configured codec order, `current` first when given (a re-INVITE keeps the codec).
    func answerer(preferring current: AudioCodec?, direction: MediaDirection = .sendrecv) -> SDPAnswerer {
        var order = settings.config.codecs.map(\.audioCodec)
        if let current, let index = order.firstIndex(of: current) { order.insert(order.remove(at: index), at: 0) }
        return SDPAnswerer(preferences: order, localDirection: direction)
    }

    func local(_ host: SIPHost, port: UInt16, sessionID: UInt64, version: UInt64) -> SDPAnswerer.Local {
        let address = switch host {
        case .ipv6(let text): SDPAddress(.ip6, text)
        case .ipv4(let text), .name(let text): SDPAddress(.ip4, text)
        }
        return SDPAnswerer.Local(address: address, rtpPort: port, sessionID: sessionID, sessionVersion: version)
    }
}

extension SIPConfig.Codec {
    var audioCodec: AudioCodec {
        switch self {
        case .pcmu: .pcmu
        case .pcma: .pcma
        case .opus: .opus
        }
    }
}

extension URI {
    /// The number of a tel URI.
    var telNumber: String? { if case .tel(let tel) = self { tel.number } else { nil } }
}

extension SocketAddress.IP {
    /// The address bytes in network order (4 or 16).
    var bytes: [UInt8] {
        switch self {
        case .v4(let raw): withUnsafeBytes(of: raw) { Array($0) }
        case .v6(let high, let low, _): withUnsafeBytes(of: (high, low)) { Array($0) }
        }
    }
}
