/// A `ws://` or `wss://` URL taken apart for dialing (RFC 6455 §3): host, port, the request target
/// (path and query, origin-form) and the `Host` header value. Pure. Refuses user info, fragments
/// (§3: "fragment identifiers are meaningless ... MUST NOT be used"), spaces and control bytes.
public struct WebSocketURL: Sendable, Equatable, CustomStringConvertible {
    /// RFC 6455 §3: the default ports of `ws` and `wss`.
    public static let defaultPort: UInt16 = 80
    public static let defaultSecurePort: UInt16 = 443

    public let isSecure: Bool
    /// The host without brackets: a DNS name, an IPv4 address or an IPv6 address.
    public let host: String
    public let port: UInt16
    /// Origin-form request target: `/path?query` (at least `/`).
    public let target: String

    /// Parses `text`; nil if it is not an absolute ws/wss URL with a host.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        let rest: Substring
        if lowered.hasPrefix("ws://") {
            isSecure = false
            rest = text.dropFirst(5)
        } else if lowered.hasPrefix("wss://") {
            isSecure = true
            rest = text.dropFirst(6)
        } else {
            return nil
        }
        guard rest.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }), !rest.contains("#") else { return nil }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.contains("@"), let (host, port) = Self.split(authority: authority) else { return nil }
        self.host = host
        self.port = port ?? (isSecure ? Self.defaultSecurePort : Self.defaultPort)
        let pathAndQuery = rest[authorityEnd...]
        target = pathAndQuery.hasPrefix("/") ? String(pathAndQuery) : "/" + pathAndQuery
    }

    /// `Host` header value (RFC 9110 §7.2): the port only when it is not the scheme's default, IPv6 in brackets.
    public var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        let isDefault = port == (isSecure ? Self.defaultSecurePort : Self.defaultPort)
        return isDefault ? bracketed : "\(bracketed):\(port)"
    }

    public var description: String { "\(isSecure ? "wss" : "ws")://\(hostHeader)\(target)" }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; nil for an empty host or a bad port.
    private static func split(authority: Substring) -> (String, UInt16?)? {
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portPart = after.dropFirst()
            }
            guard hostPart.contains(":") else { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
            guard !hostPart.contains(":") else { return nil }
        }
        guard !hostPart.isEmpty else { return nil }
        guard let portPart else { return (String(hostPart), nil) }
        guard !portPart.isEmpty, portPart.count <= 5, portPart.allSatisfy(\.isASCIIDigit),
              let port = UInt16(portPart), port > 0 else { return nil }
        return (String(hostPart), port)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
