/// One request for `StreamingHTTPClient`: URL, method, headers, an optional body (an LLM's JSON), and
/// its deadlines. A value: build it, then hand it to `stream(_:)`.
public struct HTTPClientRequest: Sendable, Equatable {
    public var url: String
    public var method: String
    public var headers: HTTPClientHeaders
    /// Sent as is with a Content-Length; nil sends no body.
    public var body: [UInt8]?
    public var timeouts: HTTPClientTimeouts
    /// False opens a new connection and closes it afterwards (benchmarks, a peer known to misbehave).
    public var reusesConnection: Bool

    public init(url: String, method: String = "GET", headers: HTTPClientHeaders = [:], body: [UInt8]? = nil,
                timeouts: HTTPClientTimeouts = HTTPClientTimeouts(), reusesConnection: Bool = true) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.reusesConnection = reusesConnection
    }
}

/// The three deadlines of a streaming request, each reported as its own `HTTPClientTimeoutKind`
/// (robustness: a stalled provider must be noticed within its budget, not after minutes).
public struct HTTPClientTimeouts: Sendable, Equatable {
    /// TCP connect plus TLS handshake.
    public var connect: Duration
    /// From the start of the request (connect included) to the first byte of the response head.
    public var firstByte: Duration
    /// Longest silence between two received pieces of the response once it has begun. Paused while
    /// the consumer lags (back-pressure), since then the silence is ours.
    public var idle: Duration

    public init(connect: Duration = .seconds(10), firstByte: Duration = .seconds(60), idle: Duration = .seconds(30)) {
        self.connect = connect
        self.firstByte = firstByte
        self.idle = idle
    }
}
