/// The HTTP version a response came over.
public enum HTTPClientVersion: Sendable, Equatable {
    case http1_0
    case http1_1
    case http2
    case http3
}

/// Status line and headers of a response, delivered as soon as the head is complete, before any body.
/// Every status is delivered (a 429 or 500 is not an error here): the caller decides, and can read
/// `retryAfter` and the body.
public struct HTTPClientResponseHead: Sendable, Equatable {
    public var version: HTTPClientVersion
    public var status: Int
    public var reason: String
    public var headers: HTTPClientHeaders

    public init(version: HTTPClientVersion, status: Int, reason: String = "", headers: HTTPClientHeaders = [:]) {
        self.version = version
        self.status = status
        self.reason = reason
        self.headers = headers
    }

    /// 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// RFC 9110 §10.2.3 Retry-After in delay-seconds form; nil if absent or an HTTP-date.
    public var retryAfter: Duration? {
        guard let value = headers["Retry-After"]?.trimmingSpaces, !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let seconds = Int(value) else { return nil }
        return .seconds(seconds)
    }
}

/// A response whose head has arrived and whose body streams in. Dropping it (and every iterator of its
/// body) aborts the transfer; so does `cancel()`.
public struct HTTPClientResponse: Sendable {
    public let head: HTTPClientResponseHead
    public let body: HTTPClientBody

    /// Aborts the transfer now (the connection is closed, not returned to the pool).
    public func cancel() { body.cancel() }
}

extension String {
    var trimmingSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}
