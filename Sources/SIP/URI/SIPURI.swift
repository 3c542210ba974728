/// A SIP or SIPS URI (RFC 3261 §19.1): `sip:user:password@host:port;uri-parameters?headers`.
/// `user`, `password`, parameter names/values and headers are kept as received, %-escapes included
/// (they were validated); `unescapedUser` and `parameter(_:)` give decoded values. The port is
/// bounded to 1–65535.
public struct SIPURI: Hashable, Sendable, CustomStringConvertible {
    public var isSecure: Bool
    public var user: String?
    public var password: String?
    public var host: SIPHost
    public var port: UInt16?
    public var parameters: [SIPParameter]
    /// `?name=value&…` headers (RFC 3261 §19.1.1): allowed in Contact/Refer-To URIs, never in a Request-URI.
    public var headers: [SIPParameter]

    public init(isSecure: Bool = false, user: String? = nil, password: String? = nil, host: SIPHost,
                port: UInt16? = nil, parameters: [SIPParameter] = [], headers: [SIPParameter] = []) {
        self.isSecure = isSecure
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
    }

    public var scheme: String { isSecure ? "sips" : "sip" }

    /// The user part with %-escapes decoded (may contain any byte, NUL included: RFC 4475 §3.1.1.4).
    public var unescapedUser: String? { user.map(PercentEncoding.decode) }

    /// The decoded value of the first URI parameter whose decoded name matches (case-insensitive);
    /// `.some(nil)` for a parameter without a value such as `lr`.
    public func parameter(_ name: String) -> String?? {
        for parameter in parameters where PercentEncoding.decode(parameter.name).sipCaseInsensitiveEquals(name) {
            return .some(parameter.value.map(PercentEncoding.decode))
        }
        return nil
    }

    /// RFC 3261 §19.1.1 transport parameter, lowercased.
    public var transport: String? { parameter("transport").flatMap { $0?.sipLowercased } }
    /// RFC 3261 §16.12.1.1 loose-routing flag.
    public var isLooseRouter: Bool { parameter("lr") != nil }
    public var maddr: String? { parameter("maddr") ?? nil }

    public var description: String { serialized }

    public var serialized: String {
        var text = scheme + ":"
        if let user {
            text += user
            if let password { text += ":" + password }
            text += "@"
        }
        text += host.serialized
        if let port { text += ":" + String(port) }
        text += parameters.serialized
        if !headers.isEmpty {
            text += "?" + headers.map { $0.name + "=" + ($0.value ?? "") }.joined(separator: "&")
        }
        return text
    }

    /// Parses a SIP or SIPS URI; any other scheme is an error.
    public static func parse(_ text: String) throws(SIPSyntaxError) -> SIPURI {
        guard case .sip(let uri) = try URI.parse(text) else { throw SIPSyntaxError("not a sip or sips URI", at: 0) }
        return uri
    }
}
