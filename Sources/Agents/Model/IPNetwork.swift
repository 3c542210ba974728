import Foundation

/// An IPv4 or IPv6 network in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`, or one address, which is
/// a /32 or /128): the allow list of a SIP trunk. Parsed by hand (pure: no resolver, no libc).
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// Network address bytes: 4 (IPv4) or 16 (IPv6), host bits cleared.
    public let address: [UInt8]
    /// Leading bits that must match: 0...32 or 0...128.
    public let prefixLength: Int

    /// Parses `address[/prefix]`; nil when malformed or the prefix is out of range.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let bytes = Self.parseAddress(String(parts[0])) else { return nil }
        let maximum = bytes.count * 8
        var length = maximum
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy(\.isASCIIDigit),
                  let parsed = Int(parts[1]), parsed <= maximum else { return nil }
            length = parsed
        }
        self.address = Self.masked(bytes, length)
        self.prefixLength = length
    }

    /// True when `bytes` (4 or 16, network order) lie in this network. An IPv4-mapped IPv6 address
    /// (`::ffff:a.b.c.d`) matches IPv4 networks.
    public func contains(_ bytes: [UInt8]) -> Bool {
        var candidate = bytes
        if address.count == 4, bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            candidate = Array(bytes[12..<16])
        }
        guard candidate.count == address.count else { return false }
        return Self.masked(candidate, prefixLength) == address
    }

    public var description: String {
        let text = address.count == 4 ? address.map(String.init).joined(separator: ".")
            : stride(from: 0, to: 16, by: 2).map { String(UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        return "\(text)/\(prefixLength)"
    }

    private static func masked(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = max(0, min(8, length - index * 8))
            return bits == 8 ? byte : byte & ~(UInt8(0xFF) >> bits)
        }
    }

    /// Dotted IPv4 or RFC 4291 IPv6 text (with `::`, and an IPv4 tail) → bytes.
    public static func parseAddress(_ text: String) -> [UInt8]? {
        if !text.contains(":") { return parseIPv4(Substring(text)) }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return nil }
        let total = head.count + tail.count
        if halves.count == 1 { guard total == 16 else { return nil } } else { guard total <= 14 else { return nil } }
        return head + Array(repeating: 0, count: 16 - total) + tail
    }

    private static func groups(_ text: String) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        var bytes: [UInt8] = []
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            if index == pieces.count - 1, piece.contains(".") {
                guard let v4 = parseIPv4(piece) else { return nil }
                bytes += v4
                continue
            }
            guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
            bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
        }
        return bytes
    }

    private static func parseIPv4(_ text: Substring) -> [UInt8]? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy(\.isASCIIDigit), let value = UInt8(octet) else { return nil }
            bytes.append(value)
        }
        return bytes
    }
}
