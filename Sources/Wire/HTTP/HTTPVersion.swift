/// An HTTP version as written on the start line (`HTTP/1.1`). RFC 9112 §2.3.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(major: Int, minor: Int) { self.major = major; self.minor = minor }

    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)

    /// True for HTTP/1.1 and later 1.x: persistent connections by default, Host required, chunked allowed.
    public var isAtLeastHTTP11: Bool { major > 1 || (major == 1 && minor >= 1) }

    public var description: String { "HTTP/\(major).\(minor)" }
}
