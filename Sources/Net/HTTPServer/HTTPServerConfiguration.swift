import Wire

/// Limits and timeouts of the HTTP/WebSocket server, shared by every listener of one `HTTPServer`.
/// Every default is named with its reason; `switchboard serve` takes the WebSocket message limit from
/// the server config (`limits.max_websocket_message_bytes`) and keeps the rest.
public struct HTTPServerConfiguration: Sendable {
    /// slowloris defence: a request's head must be complete this long after its first byte (and a
    /// new connection must send a whole head this long after it opened). nginx's
    /// `client_header_timeout` default is 60 s; health checks and upgrades are a few hundred bytes.
    public static let defaultRequestHeadTimeout: Duration = .seconds(10)
    /// A request's body must be complete this long after its head (slow-POST defence).
    public static let defaultRequestBodyTimeout: Duration = .seconds(30)
    /// An idle keep-alive connection is closed after this long (nginx: 75 s; load balancers
    /// re-connect cheaply, idle descriptors are not free).
    public static let defaultKeepAliveTimeout: Duration = .seconds(30)
    /// Backstop for any connection neither sending nor reading (a WebSocket whose peer vanished
    /// without FIN). Media streams send every 20 ms; WebSocket clients ping well within this.
    public static let defaultConnectionIdleTimeout: Duration = .seconds(120)
    /// Open connections per listener at which accepting pauses (the kernel backlog holds the rest).
    public static let defaultMaxConnections = 10_000

    /// Request-line, header and body limits (`HTTPParserLimits`; over a limit: 400/413/414/431).
    /// Bodies default to 64 KiB: the operational endpoints take none, media arrives over WebSocket.
    public var parserLimits: HTTPParserLimits
    public var requestHeadTimeout: Duration
    public var requestBodyTimeout: Duration
    public var keepAliveTimeout: Duration
    public var maxConnectionsPerListener: Int
    /// TCP-level options of accepted connections (its `idleTimeout` is the backstop above).
    public var connectionOptions: TCPConnection.Options
    /// WebSocket sessions opened by upgrades.
    public var webSocket: WebSocketServerOptions
    /// `Server` header value on every response; nil sends none.
    public var serverName: String?
    /// Whether responses carry a `Date` header (formatted once per second per loop).
    public var sendsDateHeader: Bool
    /// Per-source connection limits (429 / close before parsing); nil: none. `switchboard serve` sets
    /// them from `limits.http_per_source`.
    public var sourceLimits: HTTPSourceLimits?

    /// 64 KiB: largest request body accepted by default.
    public static let defaultMaxBodyBytes = 64 * 1024

    public init(parserLimits: HTTPParserLimits = HTTPParserLimits(maxBodyBytes: defaultMaxBodyBytes),
                requestHeadTimeout: Duration = defaultRequestHeadTimeout,
                requestBodyTimeout: Duration = defaultRequestBodyTimeout,
                keepAliveTimeout: Duration = defaultKeepAliveTimeout,
                connectionIdleTimeout: Duration? = defaultConnectionIdleTimeout,
                maxConnectionsPerListener: Int = defaultMaxConnections,
                webSocket: WebSocketServerOptions = WebSocketServerOptions(),
                serverName: String? = "switchboard", sendsDateHeader: Bool = true, sourceLimits: HTTPSourceLimits? = nil) {
        self.parserLimits = parserLimits
        self.requestHeadTimeout = requestHeadTimeout
        self.requestBodyTimeout = requestBodyTimeout
        self.keepAliveTimeout = keepAliveTimeout
        self.maxConnectionsPerListener = maxConnectionsPerListener
        var options = TCPConnection.Options()
        options.idleTimeout = connectionIdleTimeout
        self.connectionOptions = options
        self.webSocket = webSocket
        self.serverName = serverName
        self.sendsDateHeader = sendsDateHeader
        self.sourceLimits = sourceLimits
    }
}
