/// A PBX extension the SIP user agent registers as (RFC 3261 §10, `sip.registrations`): where to
/// REGISTER, the address-of-record, the digest credentials, how long a binding should last, and the
/// agent that answers INVITEs sent to the registered contact.
public struct SIPRegistration: Sendable, Hashable {
    /// RFC 3261 §10.2.1.1: a REGISTER without Expires asks for 3600 s; PBXs usually grant 60–3600.
    public static let defaultExpires = 600

    /// The registrar as host:port (numeric or a name resolved when registering); port 5060 when absent.
    public var registrar: String
    /// The user part of the AOR (`agent7` in `sip:agent7@pbx.example`).
    public var user: String
    /// The AOR's domain; nil: the registrar's host.
    public var domain: String?
    /// The digest user name; nil: `user`.
    public var authUsername: String?
    /// Nil: the registrar is expected not to challenge.
    public var password: Secret?
    /// Requested binding lifetime in seconds.
    public var expires: Int
    /// The user part of our Contact (INVITEs for it route to `agent`); nil: `user`.
    public var contactUser: String?
    public var agent: String
    /// The transport named by `transport:`; nil: the registrar URI's (`;transport=`, `sips:`), else UDP.
    public var transportSetting: SIPClientTransport?

    public init(registrar: String, user: String, domain: String? = nil, authUsername: String? = nil, password: Secret? = nil,
                expires: Int = SIPRegistration.defaultExpires, contactUser: String? = nil, agent: String,
                transport: SIPClientTransport? = nil) {
        self.registrar = registrar
        self.transportSetting = transport
        self.user = user
        self.domain = domain
        self.authUsername = authUsername
        self.password = password
        self.expires = expires
        self.contactUser = contactUser
        self.agent = agent
    }

    /// The registrar's host (without port, scheme or parameters).
    public var registrarHost: String { SIPClientTarget(registrar).host }
    /// The transport REGISTERs and the binding's flow use.
    public var transport: SIPClientTransport { transportSetting ?? SIPClientTarget(registrar).transport ?? .udp }
    /// The registrar's port: 5060 by default, 5061 over TLS (RFC 3261 §19.1.2).
    public var registrarPort: Int { SIPClientTarget(registrar).port ?? transport.defaultPort }
    /// The AOR's domain: configured, else the registrar's host.
    public var aorDomain: String { domain ?? registrarHost }
    /// The Contact user part.
    public var effectiveContactUser: String { contactUser ?? user }
    /// A stable name for logs and metrics.
    public var label: String { "\(user)@\(aorDomain)" }
}

/// How a trunk places outbound calls (`sip.trunks[].outbound`): the proxy INVITEs go to, the caller ID
/// in From, the domain of the Request-URI, and digest credentials for 401/407 challenges.
public struct SIPOutbound: Sendable, Hashable {
    /// The proxy as host:port (numeric or a name); port 5060 when absent.
    public var proxy: String
    /// The From user (caller ID) unless the request names one.
    public var callerID: String
    /// The Request-URI and To domain; nil: the proxy's host.
    public var domain: String?
    public var username: String?
    public var password: Secret?
    /// How long an unanswered call rings before CANCEL.
    public var ringTimeoutSeconds: Int
    /// The transport named by `transport:`; nil: the proxy URI's (`;transport=`, `sips:`), else UDP.
    public var transportSetting: SIPClientTransport?

    /// Most PBXs give up on an unanswered call after 30–60 s.
    public static let defaultRingTimeoutSeconds = 45

    public init(proxy: String, callerID: String, domain: String? = nil, username: String? = nil, password: Secret? = nil,
                ringTimeoutSeconds: Int = SIPOutbound.defaultRingTimeoutSeconds, transport: SIPClientTransport? = nil) {
        self.proxy = proxy
        self.transportSetting = transport
        self.callerID = callerID
        self.domain = domain
        self.username = username
        self.password = password
        self.ringTimeoutSeconds = ringTimeoutSeconds
    }

    public var proxyHost: String { SIPClientTarget(proxy).host }
    /// The transport INVITEs (and the calls' in-dialog requests) use.
    public var transport: SIPClientTransport { transportSetting ?? SIPClientTarget(proxy).transport ?? .udp }
    public var proxyPort: Int { SIPClientTarget(proxy).port ?? transport.defaultPort }
    public var requestDomain: String { domain ?? proxyHost }
}
