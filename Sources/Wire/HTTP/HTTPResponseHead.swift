/// The status line and header fields of one HTTP/1.x response, as the client-side parser produces them
/// and the server-side serializer writes them.
public struct HTTPResponseHead: Sendable, Equatable {
    public var version: HTTPVersion
    /// Three-digit status code, 100...599.
    public var status: Int
    /// The reason phrase (may be empty; clients must ignore it, RFC 9112 §4).
    public var reason: String
    public var headers: HTTPHeaders

    /// A response head; the reason defaults to the standard phrase for `status`.
    public init(status: Int, reason: String? = nil, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders()) {
        self.version = version
        self.status = status
        self.reason = reason ?? HTTPStatus.reasonPhrase(for: status)
        self.headers = headers
    }

    /// Whether the connection may carry another exchange after this response (RFC 9112 §9.3). A body
    /// delimited by closing the connection also ends it; the parser reports that through its events.
    public var keepAlive: Bool { HTTPConnectionSemantics.keepAlive(version: version, headers: headers) }

    /// 1xx responses other than 101 precede the final response to the same request.
    public var isInterim: Bool { status >= 100 && status < 200 && status != 101 }
}
