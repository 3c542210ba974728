/// Per-source limits of the HTTP/WebSocket listener (`limits.http_per_source`): new connections per
/// second with a burst, connections open at once, an optional ban, and networks never limited (a load
/// balancer whose connections all come from its address). Defaults are generous: normal clients, test
/// suites and load tools on one host stay far below them; a connection flood from one address does not.
public struct HTTPPerSourceLimits: Sendable, Hashable {
    public static let defaultNewConnectionsPerSecond = 200
    public static let defaultBurst = 1_000
    public static let defaultMaxOpen = 2_000
    public static let newConnectionsPerSecondRange = 1...1_000_000
    public static let burstRange = 1...1_000_000
    public static let maxOpenRange = 1...1_000_000
    public static let banSecondsRange = 0...86_400

    public var newConnectionsPerSecond: Int
    public var burst: Int
    public var maxOpen: Int
    /// 0: an over-rate connection is refused, nothing more.
    public var banSeconds: Int
    public var exempt: [IPNetwork]

    public init(newConnectionsPerSecond: Int = defaultNewConnectionsPerSecond, burst: Int = defaultBurst,
                maxOpen: Int = defaultMaxOpen, banSeconds: Int = 0, exempt: [IPNetwork] = []) {
        self.newConnectionsPerSecond = newConnectionsPerSecond
        self.burst = burst
        self.maxOpen = maxOpen
        self.banSeconds = banSeconds
        self.exempt = exempt
    }
}

/// The SIP intake's flood limit (`sip.flood`) for sources outside every trunk's allow list: more than
/// `maxRequests` requests in `windowMilliseconds` bans the source for `banSeconds` (robustness.md:
/// Kamailio's stock config bans more than ~30 requests in 2 s for 300 s). Trunk sources are never limited.
public struct SIPFloodLimit: Sendable, Hashable {
    public static let defaultMaxRequests = 30
    public static let defaultWindowMilliseconds = 2_000
    public static let defaultBanSeconds = 300
    /// 0 turns the limit off.
    public static let maxRequestsRange = 0...100_000
    public static let windowMillisecondsRange = 100...3_600_000
    public static let banSecondsRange = 1...86_400

    public var maxRequests: Int
    public var windowMilliseconds: Int
    public var banSeconds: Int

    public init(maxRequests: Int = defaultMaxRequests, windowMilliseconds: Int = defaultWindowMilliseconds,
                banSeconds: Int = defaultBanSeconds) {
        self.maxRequests = maxRequests
        self.windowMilliseconds = windowMilliseconds
        self.banSeconds = banSeconds
    }

    /// User-Agent substrings (case-insensitive) of SIP scanners whose requests are dropped unanswered
    /// (`sip.scanner_user_agents`): SIPVicious (`friendly-scanner`, `sipvicious`), sipcli, sip-scan,
    /// sundayddr, iWar, VaxSIPUserAgent, as dropped by Kamailio and Asterisk hardening guides.
    public static let defaultScannerUserAgents = [
        "friendly-scanner", "sipvicious", "sipcli", "sip-scan", "sundayddr", "iwar", "vaxsipuseragent",
    ]
}
