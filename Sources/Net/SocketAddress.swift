import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// An IPv4 or IPv6 socket address (address + port), numeric only: building one never touches DNS, so it
/// is safe on a loop thread. Host names go through `Resolver`, off the loop.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP part of an address, in network byte order.
    public enum IP: Sendable, Hashable {
        /// Four bytes, network order, as in `in_addr.s_addr`.
        case v4(UInt32)
        /// Sixteen bytes (two halves in memory order) and the scope id of a link-local address.
        case v6(high: UInt64, low: UInt64, scopeID: UInt32)
    }

    public var ip: IP
    public var port: UInt16

    public init(ip: IP, port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// `0.0.0.0:port`: every IPv4 interface.
    public static func anyIPv4(port: UInt16 = 0) -> SocketAddress { SocketAddress(ip: .v4(0), port: port) }
    /// `127.0.0.1:port`.
    public static func loopbackIPv4(port: UInt16 = 0) -> SocketAddress {
        SocketAddress(ip: .v4(UInt32(0x7f00_0001).bigEndian), port: port)
    }
    /// `[::1]:port`.
    public static func loopbackIPv6(port: UInt16 = 0) -> SocketAddress {
        SocketAddress(ip: .v6(high: 0, low: UInt64(1).bigEndian, scopeID: 0), port: port)
    }

    public var isIPv6: Bool { if case .v6 = ip { true } else { false } }

    /// The address family constant (`AF_INET` or `AF_INET6`) for `socket(2)`.
    var family: Int32 { isIPv6 ? AF_INET6 : AF_INET }

    /// The numeric host part: `127.0.0.1` or `::1` (no brackets).
    public var host: String {
        switch ip {
        case .v4(let raw):
            return withUnsafeBytes(of: in_addr(s_addr: raw)) { Self.format(AF_INET, $0) }
        case .v6(let high, let low, _):
            return withUnsafeBytes(of: (high, low)) { Self.format(AF_INET6, $0) }
        }
    }

    /// `127.0.0.1:5060` or `[::1]:5060`.
    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    private static func format(_ family: Int32, _ raw: UnsafeRawBufferPointer) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN)) { out in
            guard inet_ntop(family, raw.baseAddress, out.baseAddress, socklen_t(out.count)) != nil else { return "?" }
            return String(cString: out.baseAddress!)
        }
    }
}

extension SocketAddress {
    /// Builds an address from a numeric host (`10.0.0.1`, `::1`, `fe80::1%2`) and a port; `nil` if the
    /// host is not a numeric IPv4/IPv6 literal.
    public init?(host: String, port: UInt16) {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            self.init(ip: .v4(v4.s_addr), port: port)
            return
        }
        var literal = Substring(host)
        var scope: UInt32 = 0
        if let percent = literal.firstIndex(of: "%") {
            guard let parsed = UInt32(literal[literal.index(after: percent)...]) else { return nil }
            scope = parsed
            literal = literal[..<percent]
        }
        var bytes: (UInt64, UInt64) = (0, 0)
        guard inet_pton(AF_INET6, String(literal), &bytes) == 1 else { return nil }
        self.init(ip: .v6(high: bytes.0, low: bytes.1, scopeID: scope), port: port)
    }

    /// Parses `host:port` or `[v6-host]:port` with a numeric host; `nil` on anything else (a name, a
    /// missing or out-of-range port, an unbracketed IPv6 literal).
    public init?(parsing text: String) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), text.firstIndex(of: ":") == colon else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), let port = UInt16(portText) else { return nil }
        self.init(host: String(host), port: port)
    }
}

extension SocketAddress {
    /// Calls `body` with this address as a `sockaddr` pointer and length.
    func withSockAddr<R, E: Error>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(E) -> R) throws(E) -> R {
        switch ip {
        case .v4(let raw):
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = port.bigEndian
            sin.sin_addr = in_addr(s_addr: raw)
            return try withUnsafePointer(to: &sin) { (p) throws(E) -> R in
                try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { (sa) throws(E) -> R in
                    try body(sa, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .v6(let high, let low, let scopeID):
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = port.bigEndian
            sin6.sin6_scope_id = scopeID
            withUnsafeMutableBytes(of: &sin6.sin6_addr) { raw in raw.storeBytes(of: (high, low), as: (UInt64, UInt64).self) }
            return try withUnsafePointer(to: &sin6) { (p) throws(E) -> R in
                try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { (sa) throws(E) -> R in
                    try body(sa, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }

    /// Reads an address the kernel wrote into a `sockaddr_storage`; `nil` for families other than IP.
    init?(storage: sockaddr_storage) {
        var storage = storage
        self.init(pointer: withUnsafeBytes(of: &storage) { $0.baseAddress! })
    }

    /// Reads an IPv4/IPv6 address from raw `sockaddr` memory; `nil` for other families.
    init?(pointer: UnsafeRawPointer) {
        let family = Int32(pointer.load(as: sockaddr.self).sa_family)
        if family == AF_INET {
            let sin = pointer.loadUnaligned(as: sockaddr_in.self)
            self.init(ip: .v4(sin.sin_addr.s_addr), port: UInt16(bigEndian: sin.sin_port))
        } else if family == AF_INET6 {
            let sin6 = pointer.loadUnaligned(as: sockaddr_in6.self)
            let halves = withUnsafeBytes(of: sin6.sin6_addr) { $0.loadUnaligned(as: (UInt64, UInt64).self) }
            self.init(ip: .v6(high: halves.0, low: halves.1, scopeID: sin6.sin6_scope_id), port: UInt16(bigEndian: sin6.sin6_port))
        } else {
            return nil
        }
    }

    /// Lets a call (getsockname, getpeername) fill a `sockaddr_storage`, then reads it.
    static func fromKernel(_ fill: (UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) throws(SystemError) -> Void) throws(SystemError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try withUnsafeMutablePointer(to: &storage) { (p) throws(SystemError) in
            try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { (sa) throws(SystemError) in try fill(sa, &length) }
        }
        guard let address = SocketAddress(storage: storage) else { throw SystemError("address family", errno: EAFNOSUPPORT) }
        return address
    }
}

extension SocketAddress.IP {
    /// The address bytes in network order: 4 for IPv4, 16 for IPv6 (matching CIDR lists such as a
    /// trunk's `allow` or `limits.http_per_source.exempt`).
    public var networkOrderBytes: [UInt8] {
        switch self {
        case .v4(let raw): withUnsafeBytes(of: raw) { Array($0) }
        case .v6(let high, let low, _): withUnsafeBytes(of: (high, low)) { Array($0) }
        }
    }
}
