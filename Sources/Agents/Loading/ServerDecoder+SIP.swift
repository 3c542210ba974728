import Foundation
import Yams

/// The `sip:` section: listen addresses per transport, advertised host, RTP port range, codec order, ring
/// time, session-timer bounds, and the trunks with their allow lists, digest credentials, call limits and
/// routes. Every problem is reported at its line and column.
extension ServerDecoder {
    static let sipKeys = ["listen", "advertised_host", "rtp_ports", "codecs", "ring_ms", "min_session_expires",
                          "max_session_expires", "trunks", "registrations", "transfer_uri_headers", "flood",
                          "scanner_user_agents"]
    static let trunkKeys = ["name", "allow", "digest", "max_calls", "routes", "default_agent", "outbound"]

    func readSIP(_ map: MappingReader, hasTLS: Bool) -> SIPConfig? {
        guard let node = map.node("sip"), let sip = MappingReader(node, path: "sip", keys: Self.sipKeys, problems: problems) else {
            return nil
        }
        let listen = readSIPListen(sip, hasTLS: hasTLS)
        var config = SIPConfig(listen: listen ?? SIPConfig.Listen())
        if let host = sip.node("advertised_host") {
            config.advertisedHost = problems.expandedString(host, sip.name("advertised_host"), environment: environment)
        }
        if let ports = sip.node("rtp_ports") { config.rtpPorts = portRange(ports, sip.name("rtp_ports")) ?? config.rtpPorts }
        if let codecs = sip.node("codecs"), let items = problems.list(codecs, sip.name("codecs")) {
            let parsed = items.enumerated().compactMap { index, item in
                problems.choice(item, "sip.codecs[\(index)]", as: SIPConfig.Codec.self)
            }
            if items.isEmpty { problems.error(.invalidValue, at: codecs.location, "\"sip.codecs\" must name at least one codec") }
            if Set(parsed).count != parsed.count { problems.error(.invalidValue, at: codecs.location, "\"sip.codecs\" names a codec twice") }
            if !parsed.isEmpty { config.codecs = parsed }
        }
        config.ringMilliseconds = sip.int("ring_ms", in: 0...60_000, unit: "milliseconds") ?? 0
        config.minSessionExpires = sip.int("min_session_expires", in: 90...86_400, unit: "seconds") ?? 90
        config.maxSessionExpires = sip.int("max_session_expires", in: 90...86_400, unit: "seconds") ?? 1800
        if config.maxSessionExpires < config.minSessionExpires, let at = sip.node("max_session_expires")?.location {
            problems.error(.invalidValue, at: at, "\"sip.max_session_expires\" must be at least sip.min_session_expires")
        }
        config.trunks = readTrunks(sip)
        config.registrations = readRegistrations(sip)
        config.transferURIHeaders = sip.bool("transfer_uri_headers") ?? false
        if let flood = sip.node("flood") { config.flood = readSIPFlood(flood, sip.name("flood")) }
        if let scanners = sip.node("scanner_user_agents") {
            config.scannerUserAgents = readScannerUserAgents(scanners, sip.name("scanner_user_agents"))
        }
        return listen == nil ? nil : config
    }

    private func readSIPListen(_ sip: MappingReader, hasTLS: Bool) -> SIPConfig.Listen? {
        guard let node = sip.required("listen", "udp, tcp and/or tls addresses such as 0.0.0.0:5060"),
              let reader = MappingReader(node, path: "sip.listen", keys: ["udp", "tcp", "tls"], problems: problems) else { return nil }
        var listen = SIPConfig.Listen()
        listen.udp = reader.node("udp").flatMap { sipAddress($0, reader.name("udp")) }
        listen.tcp = reader.node("tcp").flatMap { sipAddress($0, reader.name("tcp")) }
        listen.tls = reader.node("tls").flatMap { sipAddress($0, reader.name("tls")) }
        if let at = reader.node("tls")?.location, !hasTLS {
            problems.error(.missingField, at: at, "\"sip.listen.tls\" needs the server's tls: certificate and private_key")
        }
        guard listen.udp != nil || listen.tcp != nil || listen.tls != nil else {
            if !problems.hasErrors { problems.error(.missingField, at: reader.location, "\"sip.listen\" needs at least one of udp, tcp, tls") }
            return nil
        }
        return listen
    }

    private func sipAddress(_ node: Node, _ what: String) -> ListenAddress? {
        guard let text = problems.nonEmptyString(node, what) else { return nil }
        guard let address = ListenAddress(parsing: text) else {
            problems.error(.invalidValue, at: node.location, "\"\(what)\" is \"\(text)\", but must be host:port "
                + "(such as 0.0.0.0:5060 or [::]:5060) with a port from 0 to 65535")
            return nil
        }
        return address
    }

    /// `A-B` with 1024 ≤ A < B ≤ 65535 and at least two ports.
    private func portRange(_ node: Node, _ what: String) -> ClosedRange<Int>? {
        guard let text = problems.nonEmptyString(node, what) else { return nil }
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let low = Int(parts[0]), let high = Int(parts[1]), 1024 <= low, low < high, high <= 65_535 else {
            problems.error(.invalidValue, at: node.location, "\"\(what)\" is \"\(text)\", but must be LOW-HIGH "
                + "(such as 10000-20000) with 1024 ≤ LOW < HIGH ≤ 65535")
            return nil
        }
        return low...high
    }

    private func readTrunks(_ sip: MappingReader) -> [SIPTrunk] {
        guard let node = sip.node("trunks"), let items = problems.list(node, "sip.trunks") else {
            if let at = sip.keyLocation("listen"), !sip.contains("registrations") {
                problems.warning(.ineffectiveSetting, at: at, "\"sip\" has no trunks: every INVITE will be refused with 403")
            }
            return []
        }
        var trunks: [SIPTrunk] = []
        var names: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let trunk = readTrunk(item, "sip.trunks[\(index)]") else { continue }
            if let line = names[trunk.name] {
                problems.error(.duplicateName, at: item.location, "trunk \"\(trunk.name)\" is already defined at line \(line)")
                continue
            }
            names[trunk.name] = item.location.line
            trunks.append(trunk)
        }
        return trunks
    }

    private func readTrunk(_ node: Node, _ path: String) -> SIPTrunk? {
        guard let trunk = MappingReader(node, path: path, keys: Self.trunkKeys, problems: problems) else { return nil }
        let name = trunk.required("name", "a name for logs and records").flatMap { problems.nonEmptyString($0, trunk.name("name")) }
        var networks: [IPNetwork] = []
        if let allow = trunk.required("allow", "the source addresses admitted, as CIDR (203.0.113.0/24, 2001:db8::/32)"),
           let entries = problems.stringList(allow, trunk.name("allow")) {
            for (text, location) in entries {
                guard let network = IPNetwork(parsing: text.trimmingCharacters(in: .whitespaces)) else {
                    problems.error(.invalidValue, at: location, "\"\(trunk.name("allow"))\" entry \"\(text)\" is not an IPv4 or IPv6 "
                        + "address or CIDR network (such as 203.0.113.0/24 or 2001:db8::/32)")
                    continue
                }
                networks.append(network)
            }
            if entries.isEmpty { problems.error(.invalidValue, at: allow.location, "\"\(trunk.name("allow"))\" must not be empty") }
        }
        let digest = trunk.node("digest").flatMap { readDigest($0, trunk.name("digest")) }
        let maxCalls = trunk.int("max_calls", in: ServerConfig.Limits.maxCallsRange)
        let routes = trunk.node("routes").map { readTrunkRoutes($0, trunk.name("routes")) } ?? []
        var defaultAgent: String?
        if let agentNode = trunk.node("default_agent"), let agent = problems.nonEmptyString(agentNode, trunk.name("default_agent")) {
            defaultAgent = agent
            agentReferences.append(AgentReference(name: agent, referrer: "trunk", location: sourceLocation(agentNode.location)))
        }
        let outbound = trunk.node("outbound").flatMap { readOutbound($0, trunk.name("outbound")) }
        guard let name else { return nil }
        return SIPTrunk(name: name, allow: networks, digest: digest, maxCalls: maxCalls, routes: routes, defaultAgent: defaultAgent,
                        outbound: outbound)
    }

    private func readDigest(_ node: Node, _ path: String) -> SIPTrunk.Digest? {
        guard let digest = MappingReader(node, path: path, keys: ["username", "password", "realm"], problems: problems) else { return nil }
        let username = digest.required("username", "the user name the trunk authenticates with")
            .flatMap { problems.expandedString($0, digest.name("username"), environment: environment) }
        let password = digest.required("password", "written as ${ENV_VAR}")
            .flatMap { problems.secret($0, digest.name("password"), environment: environment) }
        let realm = digest.string("realm") ?? "switchboard"
        guard let username, let password else { return nil }
        return SIPTrunk.Digest(username: username, password: password, realm: realm)
    }

    private func readTrunkRoutes(_ node: Node, _ path: String) -> [SIPTrunk.Route] {
        guard let items = problems.list(node, path) else { return [] }
        return items.enumerated().compactMap { index, item in
            let where_ = "\(path)[\(index)]"
            guard let route = MappingReader(item, path: where_, keys: ["number", "user", "agent"], problems: problems) else { return nil }
            let keys = ["number", "user"].filter(route.contains)
            guard keys.count == 1, let userNode = route.node(keys[0]) else {
                problems.error(.invalidValue, at: route.location, "\"\(where_)\" needs exactly one of number or user")
                return nil
            }
            let user = problems.nonEmptyString(userNode, route.name(keys[0]))
            let agentNode = route.required("agent", "the agent that answers")
            let agent = agentNode.flatMap { problems.nonEmptyString($0, route.name("agent")) }
            guard let user, let agent, let agentNode else { return nil }
            agentReferences.append(AgentReference(name: agent, referrer: "trunk route", location: sourceLocation(agentNode.location)))
            return SIPTrunk.Route(user: user, agent: agent)
        }
    }
}
