/// The transport of our client requests (REGISTER, outbound INVITE): RFC 3261 §18 UDP, TCP or TLS.
public enum SIPClientTransport: String, Sendable, Hashable, CaseIterable {
    case udp, tcp, tls

    /// RFC 3261 §19.1.2: 5060 for UDP and TCP, 5061 for TLS.
    public var defaultPort: Int { self == .tls ? 5061 : 5060 }
}

/// A registrar or proxy as configured: `host:port`, `[v6]:port`, or a URI `sip:host:port;transport=tcp`
/// / `sips:host:port` (TLS). Pure; what cannot be read is kept as the host, so the name resolution fails
/// later with the text in the message.
public struct SIPClientTarget: Sendable, Hashable {
    public var host: String
    public var port: Int?
    /// From `;transport=` or the `sips:` scheme; nil when the text names none.
    public var transport: SIPClientTransport?

    public init(_ text: String) {
        var rest = Substring(text.trimmingCharactersInSpaces())
        var transport: SIPClientTransport?
        let lower = rest.lowercased()
        if lower.hasPrefix("sips:") {
            rest = rest.dropFirst(5)
            transport = .tls
        } else if lower.hasPrefix("sip:") {
            rest = rest.dropFirst(4)
        }
        if let semicolon = rest.firstIndex(of: ";") {
            for parameter in rest[rest.index(after: semicolon)...].split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.lowercased() }
                if pair.count == 2, pair[0] == "transport", let named = SIPClientTransport(rawValue: pair[1]) { transport = named }
            }
            rest = rest[..<semicolon]
        }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if let address = ListenAddress(parsing: String(rest)) {
            host = address.host
            port = address.port
        } else {
            host = rest.hasPrefix("[") && rest.hasSuffix("]") ? String(rest.dropFirst().dropLast()) : String(rest)
            port = nil
        }
        self.transport = transport
    }
}

extension String {
    fileprivate func trimmingCharactersInSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
