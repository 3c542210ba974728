/// A URI as it appears in a SIP message: a SIP or SIPS URI (RFC 3261 §19.1), a tel URI (RFC 3966), or
/// any other absolute URI kept as opaque text (RFC 4475 §3.3.2–3.3.4: the parser accepts it, the UA
/// answers 416 Unsupported URI Scheme where it needs a SIP URI).
public enum URI: Hashable, Sendable, CustomStringConvertible {
    case sip(SIPURI)
    case tel(TelURI)
    /// scheme (as received) and everything after the colon.
    case other(scheme: String, text: String)

    /// The SIP/SIPS URI, if this is one.
    public var sipURI: SIPURI? {
        if case .sip(let uri) = self { return uri }
        return nil
    }

    public var description: String { serialized }

    public var serialized: String {
        switch self {
        case .sip(let uri): uri.serialized
        case .tel(let uri): uri.serialized
        case .other(let scheme, let text): scheme + ":" + text
        }
    }

    /// Parses one URI occupying all of `bytes`.
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> URI {
        try URIParser.parse(bytes)
    }

    public static func parse(_ text: String) throws(SIPSyntaxError) -> URI {
        try URIParser.parse(Array(text.utf8)[...])
    }
}

/// The host part of a SIP URI or Via sent-by: a domain name, an IPv4 address, or an IPv6 address
/// (stored without brackets; `serialized` adds them).
public enum SIPHost: Hashable, Sendable, CustomStringConvertible {
    case name(String)
    case ipv4(String)
    case ipv6(String)

    public var serialized: String {
        switch self {
        case .name(let name): name
        case .ipv4(let address): address
        case .ipv6(let address): "[" + address + "]"
        }
    }

    public var description: String { serialized }
}

/// A tel URI (RFC 3966): the telephone number (visual separators kept) and its parameters.
public struct TelURI: Hashable, Sendable {
    public var number: String
    public var parameters: [SIPParameter]

    public init(number: String, parameters: [SIPParameter] = []) {
        self.number = number
        self.parameters = parameters
    }

    public var isGlobal: Bool { number.hasPrefix("+") }
    public var serialized: String { "tel:" + number + parameters.serialized }
}
