/// The request line and header fields of one HTTP/1.x request, as the server-side parser produces
/// them and the client-side serializer writes them.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method token, case-sensitive (`GET`, `POST`).
    public var method: String
    /// The request-target as sent: origin-form `/path?query`, absolute-form, authority-form or `*`.
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders

    public init(method: String, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The target up to `?` (origin-form path).
    public var path: Substring { target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" }

    /// The part after the first `?`, if any.
    public var query: Substring? {
        guard let mark = target.firstIndex(of: "?") else { return nil }
        return target[target.index(after: mark)...]
    }

    /// Whether the connection stays open after this exchange (RFC 9112 §9.3): HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool { HTTPConnectionSemantics.keepAlive(version: version, headers: headers) }

    /// True when the client asks to switch protocols (`Connection: upgrade` plus an `Upgrade` field,
    /// RFC 9110 §7.8). The request parser pauses after such a request until told what happened.
    public var isUpgradeRequest: Bool {
        headers.contains("upgrade") && headers.containsToken("upgrade", in: "connection")
    }
}

/// Connection-management rules shared by requests and responses.
enum HTTPConnectionSemantics {
    static func keepAlive(version: HTTPVersion, headers: HTTPHeaders) -> Bool {
        if headers.containsToken("close", in: "connection") { return false }
        if version.isAtLeastHTTP11 { return true }
        return headers.containsToken("keep-alive", in: "connection")
    }
}
