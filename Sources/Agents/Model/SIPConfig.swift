/// The `sip:` section of the server config: where the SIP user agent listens, which RTP ports and codecs
/// it uses, and the trunks (carriers, PBXs) allowed to send it calls. Absent: no SIP service runs.
public struct SIPConfig: Sendable, Hashable {
    /// Listening addresses per transport; at least one is set.
    public struct Listen: Sendable, Hashable {
        public var udp: ListenAddress?
        public var tcp: ListenAddress?
        /// SIP over TLS; needs the server's `tls:` certificate.
        public var tls: ListenAddress?

        public init(udp: ListenAddress? = nil, tcp: ListenAddress? = nil, tls: ListenAddress? = nil) {
            self.udp = udp
            self.tcp = tcp
            self.tls = tls
        }
    }

    /// Audio codecs the user agent can answer with.
    public enum Codec: String, Sendable, Hashable, CaseIterable {
        case pcmu = "PCMU"
        case pcma = "PCMA"
        case opus
    }

    /// Default RTP port range (even ports are used for RTP, the next odd one for RTCP).
    public static let defaultRTPPorts = 10_000...20_000

    public var listen: Listen
    /// The host put in Via, Contact and SDP (a public address behind NAT); nil: the listen host, or the
    /// host the caller addressed when listening on every interface.
    public var advertisedHost: String?
    public var rtpPorts: ClosedRange<Int>
    /// Preference order for the answer's codec.
    public var codecs: [Codec]
    /// How long calls ring (180) before the 200 OK. Default 0.
    public var ringMilliseconds: Int
    /// RFC 4028 Min-SE we accept (≥ 90 s) and the longest session interval we agree to.
    public var minSessionExpires: Int
    public var maxSessionExpires: Int
    public var trunks: [SIPTrunk]
    /// PBX extensions to register as (`sip.registrations`).
    public var registrations: [SIPRegistration]
    /// Also put the transfer context (Call-ID, summary) as `?` headers on the REFER's Refer-To URI, for
    /// PBXs that copy URI headers into the INVITE to the human. Default false: some user agents
    /// (baresip 1.0) cannot dial such a URI; the `X-Switchboard-*` REFER headers are always sent.
    public var transferURIHeaders = false
    /// Flood limit for sources outside every trunk's allow list (`sip.flood`).
    public var flood = SIPFloodLimit()
    /// Lowercased User-Agent substrings whose requests are dropped unanswered (`sip.scanner_user_agents`).
    public var scannerUserAgents = SIPFloodLimit.defaultScannerUserAgents

    public init(listen: Listen, advertisedHost: String? = nil, rtpPorts: ClosedRange<Int> = SIPConfig.defaultRTPPorts,
                codecs: [Codec] = [.pcmu, .pcma, .opus], ringMilliseconds: Int = 0, minSessionExpires: Int = 90,
                maxSessionExpires: Int = 1800, trunks: [SIPTrunk] = [], registrations: [SIPRegistration] = []) {
        self.registrations = registrations
        self.listen = listen
        self.advertisedHost = advertisedHost
        self.rtpPorts = rtpPorts
        self.codecs = codecs
        self.ringMilliseconds = ringMilliseconds
        self.minSessionExpires = minSessionExpires
        self.maxSessionExpires = maxSessionExpires
        self.trunks = trunks
    }

    /// The first trunk whose allow list holds `address` (4 or 16 bytes); nil: the source is refused (403).
    public func trunk(for address: [UInt8]) -> SIPTrunk? {
        trunks.first { trunk in trunk.allow.contains { $0.contains(address) } }
    }
}

/// One trunk: the peers (by source address) it admits, how they authenticate, how many calls they may
/// hold, and which agent answers which called number.
public struct SIPTrunk: Sendable, Hashable {
    /// Digest credentials the trunk must present on INVITEs (RFC 7616), challenged with 401.
    public struct Digest: Sendable, Hashable {
        public var username: String
        public var password: Secret
        public var realm: String

        public init(username: String, password: Secret, realm: String) {
            self.username = username
            self.password = password
            self.realm = realm
        }
    }

    /// A called number or Request-URI user and the agent answering it.
    public struct Route: Sendable, Hashable {
        /// Normalized (`ServerConfig.normalizedNumber`) user part of the Request-URI.
        public var user: String
        public var agent: String

        public init(user: String, agent: String) {
            self.user = ServerConfig.normalizedNumber(user)
            self.agent = agent
        }
    }

    public var name: String
    public var allow: [IPNetwork]
    public var digest: Digest?
    /// Calls this trunk may hold at once; nil: only the server's limit.
    public var maxCalls: Int?
    public var routes: [Route]
    /// Agent for numbers no route names; nil falls back to the server's `default_agent`.
    public var defaultAgent: String?
    /// How calls are placed through this trunk; nil: inbound only.
    public var outbound: SIPOutbound?

    public init(name: String, allow: [IPNetwork], digest: Digest? = nil, maxCalls: Int? = nil, routes: [Route] = [],
                defaultAgent: String? = nil, outbound: SIPOutbound? = nil) {
        self.outbound = outbound
        self.name = name
        self.allow = allow
        self.digest = digest
        self.maxCalls = maxCalls
        self.routes = routes
        self.defaultAgent = defaultAgent
    }

    /// The agent for a call to `user` (the Request-URI user part): a route, else the trunk's default.
    public func agentName(forUser user: String?) -> String? {
        if let user {
            let normalized = ServerConfig.normalizedNumber(user)
            if let route = routes.first(where: { $0.user == normalized }) { return route.agent }
        }
        return defaultAgent
    }
}
