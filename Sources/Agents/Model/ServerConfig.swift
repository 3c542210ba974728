/// The server's own configuration (`Config/switchboard.yaml`): where it listens, its limits, where
/// the agents live, which agent answers which call, and logging. A value; paths in it are already
/// resolved relative to the file's folder.
public struct ServerConfig: Sendable, Hashable {
    /// Listening addresses.
    public struct Listeners: Sendable, Hashable {
        /// HTTP and WebSocket (media streams, health). Default `127.0.0.1:8080`.
        public var http: ListenAddress
        /// Prometheus `/metrics`; nil serves no metrics listener. Default nil.
        public var metrics: ListenAddress?

        public init(http: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080), metrics: ListenAddress? = nil) {
            self.http = http
            self.metrics = metrics
        }
    }

    /// Certificate and key (PEM files) that turn the HTTP listener into HTTPS/WSS.
    public struct TLS: Sendable, Hashable {
        public var certificatePath: String
        public var privateKeyPath: String

        public init(certificatePath: String, privateKeyPath: String) {
            self.certificatePath = certificatePath
            self.privateKeyPath = privateKeyPath
        }
    }

    /// Resource limits.
    public struct Limits: Sendable, Hashable {
        /// Calls allowed at once; more are refused. Default 100 (range 1...100000).
        public var maxCalls: Int
        /// Largest WebSocket message accepted; larger ones end the connection. Default 1 MiB
        /// (range 1 KiB...64 MiB): a Twilio media message is under 1 KiB, a PCM frame a few KiB.
        public var maxWebSocketMessageBytes: Int
        /// Per-source connection limits of the HTTP/WebSocket listeners (`limits.http_per_source`).
        public var httpPerSource = HTTPPerSourceLimits()

        public static let maxCallsRange = 1...100_000
        public static let maxWebSocketMessageBytesRange = 1_024...67_108_864

        public init(maxCalls: Int = 100, maxWebSocketMessageBytes: Int = 1_048_576) {
            self.maxCalls = maxCalls
            self.maxWebSocketMessageBytes = maxWebSocketMessageBytes
        }
    }

    /// Log verbosity and privacy.
    public struct Logging: Sendable, Hashable {
        /// Default `.info`.
        public var level: LogLevel
        /// When true, transcripts and agent text are replaced by their length in logs and records.
        /// Default false.
        public var redactTranscripts: Bool

        public init(level: LogLevel = .info, redactTranscripts: Bool = false) {
            self.level = level
            self.redactTranscripts = redactTranscripts
        }
    }

    /// Twilio account settings for validating `X-Twilio-Signature` on media-stream upgrades.
    public struct Twilio: Sendable, Hashable {
        /// The account's auth token.
        public var authToken: Secret
        /// The public base URL Twilio connects to (`wss://voice.example.com`), used to rebuild the
        /// signed URL behind a proxy; nil uses the request's Host header.
        public var publicURL: String?

        public init(authToken: Secret, publicURL: String? = nil) {
            self.authToken = authToken
            self.publicURL = publicURL
        }
    }

    public var listeners: Listeners
    /// Nil serves plain HTTP/WS.
    public var tls: TLS?
    public var limits: Limits
    /// Folder of agent files, resolved relative to the server config's folder. Default `agents`.
    public var agentsFolder: String
    /// Routes in the order written.
    public var routes: [Route]
    /// Agent for calls no route names; nil refuses them.
    public var defaultAgent: String?
    public var logging: Logging
    /// Nil: Twilio signatures are not checked.
    public var twilio: Twilio?
    /// Nil: no SIP user agent runs.
    public var sip: SIPConfig?
    /// `api.token`: the bearer token of the call-control API (`POST /v1/calls`); nil: the API is off.
    public var apiToken: Secret?

    /// Creates a configuration; every argument has the documented default.
    public init(listeners: Listeners = Listeners(), tls: TLS? = nil, limits: Limits = Limits(),
                agentsFolder: String = "agents", routes: [Route] = [], defaultAgent: String? = nil,
                logging: Logging = Logging(), twilio: Twilio? = nil, sip: SIPConfig? = nil) {
        self.listeners = listeners
        self.tls = tls
        self.limits = limits
        self.agentsFolder = agentsFolder
        self.routes = routes
        self.defaultAgent = defaultAgent
        self.logging = logging
        self.twilio = twilio
        self.sip = sip
    }

    /// The WebSocket endpoints to serve: every path route, once per path.
    public var webSocketEndpoints: [(path: String, protocol: StreamProtocol)] {
        var seen = Set<String>()
        return routes.compactMap {
            guard case .webSocketPath(let path, let streamProtocol) = $0.match, seen.insert(path).inserted else { return nil }
            return (path, streamProtocol)
        }
    }

    /// The agent for a call: a matching stream-parameter route first, then a called-number route,
    /// then the path's route, then the default agent. Nil when nothing names one.
    public func agentName(path: String?, calledNumber: String?, streamParameters: [String: String]) -> String? {
        for route in routes {
            if case .streamParameter(let name, let value) = route.match, streamParameters[name] == value {
                return route.agent
            }
        }
        if let number = calledNumber.map(Self.normalizedNumber) {
            for route in routes {
                if case .calledNumber(let routeNumber) = route.match, routeNumber == number { return route.agent }
            }
        }
        for route in routes {
            if case .webSocketPath(let routePath, _) = route.match, routePath == path, let agent = route.agent {
                return agent
            }
        }
        return defaultAgent
    }

    /// A number without spaces, dashes, dots or parentheses (`+1 (555) 010-0000` → `+15550100000`).
    public static func normalizedNumber(_ number: String) -> String {
        String(number.filter { !" -.()".contains($0) })
    }
}

/// Log levels, as swift-log names them.
public enum LogLevel: String, Sendable, Hashable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}
