import Agents
import Net
import SIP

/// Registering as a PBX extension (RFC 3261 §10, protocols.md §7.8): REGISTER to each configured
/// registrar over UDP, TCP or TLS (one kept connection per registrar, `+ClientFlows`), digest
/// challenges (401/407) answered once per round and the last challenge reused on refreshes with the
/// next nonce count (RFC 7616 §3.4), 423 retried with Min-Expires, refresh at 85 % of the granted
/// time, failures (and a lost connection) retried with backoff, and expires=0 on drain. INVITEs from the registrar to the registered contact user go to the registration's agent.
extension SIPUserAgent {
    /// Where each registration stands, by its label (`user@domain`).
    public var registrationStates: [String: SIPRegistrationState] {
        Dictionary(registrations.map { ($0.config.label, $0.state) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many registrations are configured and running.
    public var registrationCount: Int { registrations.count }

    func startRegistrations() {
        registrations = settings.config.registrations.enumerated().map { RegistrationBinding(config: $1, index: $0) }
        for binding in registrations {
            guard binding.config.transport != .udp || !udpSockets.isEmpty else {
                logger.warning("sip.registrations over UDP need sip.listen.udp; not registering", metadata: ["aor": "\(binding.config.label)"])
                continue
            }
            resolveAndRegister(binding)
        }
    }

    private func resolveAndRegister(_ binding: RegistrationBinding) {
        let host = binding.config.registrarHost
        let port = UInt16(clamping: binding.config.registrarPort)
        if let numeric = SocketAddress(host: host, port: port) {
            binding.remote = numeric
            register(binding, expires: binding.config.expires)
            return
        }
        let index = binding.index
        let transport = binding.config.transport.resolverTransport
        Task { [self] in
            let resolved = try? await Resolver.resolve(host, port: port, for: transport)
            self.registrarResolved(index, resolved?.first)
        }
    }

    private func registrarResolved(_ index: Int, _ address: SocketAddress?) {
        guard registrations.indices.contains(index), !isDraining else { return }
        let binding = registrations[index]
        guard let address else { return registrationFailed(binding, status: nil, why: "registrar name not resolved") }
        binding.remote = address
        register(binding, expires: binding.config.expires)
    }

    /// Sends a REGISTER for `binding` asking for `expires` seconds (0 removes the binding).
    func register(_ binding: RegistrationBinding, expires: Int, retrying previous: SIPRequest? = nil) {
        guard let remote = binding.remote else { return }
        binding.timer?.cancel()
        binding.timer = nil
        if previous == nil { binding.authRetried = false }
        if expires > 0, case .unregistered = binding.state { binding.state = .registering }
        let flow: SIPFlow
        do {
            flow = try clientFlow(to: remote, transport: binding.config.transport, serverName: binding.config.registrarHost)
        } catch {
            return registrationFailed(binding, status: nil, why: "no connection to the registrar: \(error)")
        }
        binding.flow = flow
        let request = previous ?? registerRequest(binding, expires: expires, flow: flow)
        let index = binding.index
        binding.awaitingAnswer = true
        sendRequest(request, on: flow) { agent, response in
            agent.registerAnswered(agent.registrations[index], request: request, expires: expires, response: response)
        }
    }

    private func registerRequest(_ binding: RegistrationBinding, expires: Int, flow: SIPFlow) -> SIPRequest {
        let contact = AddressHeader(NameAddress(contactURI(user: binding.config.effectiveContactUser, flow: flow)),
                                    parameters: [SIPParameter("expires", String(expires))])
        let aor = AddressHeader(NameAddress(binding.aor))
        var from = aor
        from.tag = binding.fromTag
        let headers = SIPHeaders(via: [newVia(for: flow, requestHost: nil)], from: from, to: aor, callID: binding.callID,
                                 cseq: CSeq(binding.nextSequence(), .register), maxForwards: Dialog.initialMaxForwards,
                                 contact: .addresses([contact]), expires: UInt32(expires))
        var request = SIPRequest(method: .register, uri: .sip(SIPURI(host: .parsingConfigured(binding.config.aorDomain))), headers: headers)
        // RFC 7616 §3.4: answer the last challenge again with the next nonce count and a fresh cnonce.
        if let challenge = binding.challenge, let password = binding.config.password?.reveal() {
            binding.nonceCount += 1
            if !SIPClientAuthorization.authorize(&request, challenge: challenge.digest, proxy: challenge.proxy, username: binding.authUsername,
                                                 password: password, cnonce: Self.randomToken(), nonceCount: binding.nonceCount) {
                binding.challenge = nil
            }
        }
        return request
    }

    private func registerAnswered(_ binding: RegistrationBinding, request: SIPRequest, expires: Int, response: SIPResponse?) {
        binding.awaitingAnswer = false
        guard let response else { return registrationFailed(binding, status: nil, why: "no answer") }
        binding.sequence = max(binding.sequence, response.headers.cseq.sequence)
        switch response.statusCode {
        case 200..<300:
            binding.failures = 0
            if expires == 0 {
                binding.state = .unregistered
                binding.removing = false
                logger.info("SIP registration removed", metadata: ["aor": "\(binding.config.label)"])
                emitRegistration(binding)
                return
            }
            let granted = RegistrationSchedule.grantedSeconds(response, contactUser: binding.config.effectiveContactUser,
                                                              requested: expires)
            binding.state = .registered(expires: granted)
            logger.info("SIP registered", metadata: ["aor": "\(binding.config.label)", "expires": "\(granted)"])
            emitRegistration(binding)
            guard !isDraining else { return }
            binding.timer = schedule(at: now.advanced(by: settings.registration.refreshDelay(grantedSeconds: granted)),
                                     .registration(binding.index))
        case 401, 407:
            guard !binding.authRetried, let password = binding.config.password?.reveal(),
                  let challenge = SIPClientAuthorization.challenge(in: response), let flow = binding.flow,
                  let retried = SIPClientAuthorization.retry(
                      request, answering: response, username: binding.authUsername, password: password,
                      cnonce: Self.randomToken(), via: newVia(for: flow, requestHost: nil))
            else {
                binding.challenge = nil
                return registrationFailed(binding, status: response.statusCode, why: "authentication failed")
            }
            binding.challenge = (challenge, response.statusCode == 407)
            binding.nonceCount = 1
            binding.authRetried = true
            binding.sequence = retried.headers.cseq.sequence
            register(binding, expires: expires, retrying: retried)
        case 423:
            guard let minimum = (try? response.headers.minExpires()).flatMap({ $0 }), Int(minimum) > expires else {
                return registrationFailed(binding, status: 423, why: "interval too brief without a usable Min-Expires")
            }
            binding.minimumExpires = Int(minimum)
            logger.info("SIP registrar wants a longer interval", metadata: ["aor": "\(binding.config.label)", "min": "\(minimum)"])
            register(binding, expires: Int(minimum))
        default:
            registrationFailed(binding, status: response.statusCode, why: response.reasonPhrase)
        }
    }

    func registrationFailed(_ binding: RegistrationBinding, status: Int?, why: String) {
        binding.failures += 1
        binding.state = .failed(status: status)
        binding.removing = false
        emitRegistration(binding)
        guard !isDraining else { return }
        let delay = settings.registration.backoff(failures: binding.failures)
        logger.warning("SIP registration failed; retrying", metadata: [
            "aor": "\(binding.config.label)", "status": "\(status.map(String.init) ?? "-")", "reason": "\(why)",
            "retry_in": "\(delay)"])
        binding.timer = schedule(at: now.advanced(by: delay), .registration(binding.index))
    }

    func registrationTimerFired(_ index: Int) {
        guard registrations.indices.contains(index), !isDraining else { return }
        let binding = registrations[index]
        binding.timer = nil
        register(binding, expires: binding.requestedExpires)
    }

    /// REGISTER with expires=0 for every live binding (drain). Timers stop.
    func unregisterAll() {
        for binding in registrations {
            binding.timer?.cancel()
            binding.timer = nil
            guard case .registered = binding.state else { continue }
            binding.removing = true
            register(binding, expires: 0)
        }
    }

    private func emitRegistration(_ binding: RegistrationBinding) {
        emit(.registration(aor: binding.config.label, state: binding.state))
    }

    /// The registration an out-of-dialog INVITE arrived through: from a registrar's address, to the
    /// contact user we registered.
    func registrationTrunk(for invite: SIPRequest, source: SocketAddress) -> SIPTrunk? {
        let user = invite.uri.sipURI?.unescapedUser
        return registrations.first { binding in
            binding.remote?.ip == source.ip && user == binding.config.effectiveContactUser
        }?.trunk
    }
}
