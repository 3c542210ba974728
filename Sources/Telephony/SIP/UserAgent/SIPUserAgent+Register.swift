import Agents
import Net
import SIP

/// Registering as a PBX extension (RFC 3261 §10, protocols.md §7.8): REGISTER to each configured
/// registrar over UDP, digest challenges (401/407) answered once per round, 423 retried with
/// Min-Expires, refresh at 85 % of the granted time, failures retried with backoff, and expires=0 on
/// drain. INVITEs from the registrar to the registered contact user go to the registration's agent.
extension SIPUserAgent {
    /// Where each registration stands, by its label (`user@domain`).
    public var registrationStates: [String: SIPRegistrationState] {
        Dictionary(registrations.map { ($0.config.label, $0.state) }, uniquingKeysWith: { first, _ in first })
    }

    /// How many registrations are configured and running.
    public var registrationCount: Int { registrations.count }

    func startRegistrations() {
        guard !udpSockets.isEmpty else {
            if !settings.config.registrations.isEmpty { logger.warning("sip.registrations need sip.listen.udp; not registering") }
            return
        }
        registrations = settings.config.registrations.enumerated().map { RegistrationBinding(config: $1, index: $0) }
        for binding in registrations { resolveAndRegister(binding) }
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
        Task { [self] in
            let resolved = try? await Resolver.resolve(host, port: port, for: .udp)
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
        let flow = SIPFlow.datagram(socket: 0, remote: remote)
        let request = previous ?? registerRequest(binding, expires: expires, flow: flow)
        let index = binding.index
        sendRequest(request, on: flow) { agent, response in
            agent.registerAnswered(agent.registrations[index], request: request, expires: expires, response: response)
        }
    }

    private func registerRequest(_ binding: RegistrationBinding, expires: Int, flow: SIPFlow) -> SIPRequest {
        let local = localHostPort(for: flow)
        let contact = AddressHeader(NameAddress(SIPURI(user: binding.config.effectiveContactUser, host: local.host, port: local.port)),
                                    parameters: [SIPParameter("expires", String(expires))])
        let aor = AddressHeader(NameAddress(binding.aor))
        var from = aor
        from.tag = binding.fromTag
        let headers = SIPHeaders(via: [newVia(for: flow, requestHost: nil)], from: from, to: aor, callID: binding.callID,
                                 cseq: CSeq(binding.nextSequence(), .register), maxForwards: Dialog.initialMaxForwards,
                                 contact: .addresses([contact]), expires: UInt32(expires))
        return SIPRequest(method: .register, uri: .sip(SIPURI(host: .parsingConfigured(binding.config.aorDomain))), headers: headers)
    }

    private func registerAnswered(_ binding: RegistrationBinding, request: SIPRequest, expires: Int, response: SIPResponse?) {
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
                  let retried = SIPClientAuthorization.retry(
                      request, answering: response, username: binding.config.authUsername ?? binding.config.user, password: password,
                      cnonce: Self.randomToken(), via: newVia(for: .datagram(socket: 0, remote: binding.remote!), requestHost: nil))
            else { return registrationFailed(binding, status: response.statusCode, why: "authentication failed") }
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

    private func registrationFailed(_ binding: RegistrationBinding, status: Int?, why: String) {
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
