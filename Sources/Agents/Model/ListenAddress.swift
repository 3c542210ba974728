/// A host and TCP port to listen on, written `host:port` (`127.0.0.1:8080`, `[::1]:8080`,
/// `:8080` for every interface). Port 0 asks the system for any free port.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// A name or an IPv4/IPv6 literal (without brackets).
    public var host: String
    /// 0...65535.
    public var port: Int

    /// Creates an address.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; nil when it is not of that shape or the port is out of range.
    public init?(parsing text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
            guard !hostPart.isEmpty else { return nil }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            guard !hostPart.contains(":") else { return nil }
        }
        guard !portPart.isEmpty, portPart.allSatisfy(\.isASCIIDigit), portPart.count <= 5,
              let port = Int(portPart), (0...65_535).contains(port),
              !hostPart.contains(where: \.isWhitespace) else { return nil }
        self.host = hostPart.isEmpty ? "0.0.0.0" : String(hostPart)
        self.port = port
    }

    /// `host:port`, bracketing IPv6 literals.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

extension Character {
    /// `0`...`9` only (not other scripts' digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
