import Yams

/// The client side of the `sip:` section: `registrations` (PBX extensions to register as) and a trunk's
/// `outbound` (how calls are placed through it). Passwords only as `${ENV_VAR}`.
extension ServerDecoder {
    static let registrationKeys = ["registrar", "user", "aor", "domain", "auth_username", "password", "expires", "contact_user",
                                   "agent", "transport"]
    static let outboundKeys = ["proxy", "host", "caller_id", "from_user", "domain", "username", "auth_username", "password",
                               "ring_timeout_s", "transport"]

    func readRegistrations(_ sip: MappingReader) -> [SIPRegistration] {
        guard let node = sip.node("registrations"), let items = problems.list(node, "sip.registrations") else { return [] }
        return items.enumerated().compactMap { index, item in readRegistration(item, "sip.registrations[\(index)]") }
    }

    private func readRegistration(_ node: Node, _ path: String) -> SIPRegistration? {
        guard let map = MappingReader(node, path: path, keys: Self.registrationKeys, problems: problems) else { return nil }
        let registrar = map.required("registrar", "the registrar as host:port (pbx.example.com:5060)")
            .flatMap { problems.expandedString($0, map.name("registrar"), environment: environment) }
        var user: String?
        var domain = map.node("domain").flatMap { problems.expandedString($0, map.name("domain"), environment: environment) }
        if let aorNode = map.node("aor"), let aor = problems.nonEmptyString(aorNode, map.name("aor")) {
            // sip:user@domain or user@domain
            let bare = aor.hasPrefix("sip:") ? String(aor.dropFirst(4)) : aor
            let parts = bare.split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                problems.error(.invalidValue, at: aorNode.location, "\"\(map.name("aor"))\" is \"\(aor)\", but must be sip:user@domain")
                return nil
            }
            user = parts[0]
            domain = domain ?? parts[1]
        } else if let userNode = map.required("user", "the extension's user name (or give aor: sip:user@domain)") {
            user = problems.expandedString(userNode, map.name("user"), environment: environment)
        }
        let authUsername = map.node("auth_username").flatMap { problems.expandedString($0, map.name("auth_username"), environment: environment) }
        let password = map.node("password").flatMap { problems.secret($0, map.name("password"), environment: environment) }
        let expires = map.int("expires", in: 60...86_400, unit: "seconds") ?? SIPRegistration.defaultExpires
        let contactUser = map.node("contact_user").flatMap { problems.nonEmptyString($0, map.name("contact_user")) }
        let agentNode = map.required("agent", "the agent answering calls to this extension")
        let agent = agentNode.flatMap { problems.nonEmptyString($0, map.name("agent")) }
        if let agent, let agentNode {
            agentReferences.append(AgentReference(name: agent, referrer: "registration", location: sourceLocation(agentNode.location)))
        }
        let transport = readTransport(map)
        guard let registrar, let user, let agent else { return nil }
        return SIPRegistration(registrar: registrar, user: user, domain: domain, authUsername: authUsername, password: password,
                               expires: expires, contactUser: contactUser, agent: agent, transport: transport)
    }

    func readOutbound(_ node: Node, _ path: String) -> SIPOutbound? {
        guard let map = MappingReader(node, path: path, keys: Self.outboundKeys, problems: problems) else { return nil }
        func one(_ keys: [String], _ hint: String, required: Bool) -> String? {
            let present = keys.filter(map.contains)
            if present.count > 1, let at = map.node(present[1])?.location {
                problems.error(.invalidValue, at: at, "\"\(path)\" takes only one of \(keys.joined(separator: ", "))")
            }
            guard let key = present.first, let value = map.node(key) else {
                if required { problems.error(.missingField, at: map.location, "\"\(path)\" needs \(keys[0]): \(hint)") }
                return nil
            }
            return problems.expandedString(value, map.name(key), environment: environment)
        }
        let proxy = one(["proxy", "host"], "the proxy or PBX as host:port", required: true)
        let callerID = one(["caller_id", "from_user"], "the caller ID (From user)", required: true)
        let domain = map.node("domain").flatMap { problems.expandedString($0, map.name("domain"), environment: environment) }
        let username = one(["username", "auth_username"], "", required: false)
        let password = map.node("password").flatMap { problems.secret($0, map.name("password"), environment: environment) }
        let ring = map.int("ring_timeout_s", in: 1...600, unit: "seconds") ?? SIPOutbound.defaultRingTimeoutSeconds
        let transport = readTransport(map)
        guard let proxy, let callerID else { return nil }
        return SIPOutbound(proxy: proxy, callerID: callerID, domain: domain, username: username, password: password,
                           ringTimeoutSeconds: ring, transport: transport)
    }

    /// `transport: udp | tcp | tls` (nil when absent: the registrar/proxy URI decides, else UDP).
    private func readTransport(_ map: MappingReader) -> SIPClientTransport? {
        map.node("transport").flatMap { problems.choice($0, map.name("transport"), as: SIPClientTransport.self) }
    }
}
