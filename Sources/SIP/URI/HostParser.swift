/// Hosts and ports (RFC 3261 §25.1 host, RFC 4291 §2.2 IPv6 text forms, RFC 5118 for IPv6 in SIP).
enum HostParser {
    /// RFC 1035: a domain name is at most 255 octets.
    static let maxHostnameBytes = 255

    /// A hostname, IPv4 address or `[IPv6]` reference at the scanner's position; stops at ":" ";" "?"
    /// ">" "," whitespace or the end.
    static func parseHost(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPHost {
        let start = scanner.position
        if scanner.consume(0x5B) {
            let address = scanner.take { $0 != 0x5D }
            guard scanner.consume(0x5D), isIPv6(address) else { throw SIPSyntaxError("invalid IPv6 reference", at: start) }
            return .ipv6(String(sipBytes: address))
        }
        let text = scanner.take { SIPCharacters.has($0, [.alpha, .digit]) || $0 == 0x2D || $0 == 0x2E }
        return try classify(text, at: start)
    }

    /// A bare host (no brackets): hostname, IPv4, or (for Via `received`, RFC 5118 §4.5) raw IPv6.
    static func parseAddress(_ bytes: ArraySlice<UInt8>, allowBareIPv6: Bool) throws(SIPSyntaxError) -> SIPHost {
        if bytes.first == 0x5B || (allowBareIPv6 && bytes.contains(0x3A)) {
            let inner = bytes.first == 0x5B && bytes.last == 0x5D ? bytes.dropFirst().dropLast() : bytes
            guard isIPv6(inner) else { throw SIPSyntaxError("invalid IPv6 address", at: bytes.startIndex) }
            return .ipv6(String(sipBytes: inner))
        }
        return try classify(bytes, at: bytes.startIndex)
    }

    static func classify(_ text: ArraySlice<UInt8>, at start: Int) throws(SIPSyntaxError) -> SIPHost {
        guard !text.isEmpty, text.count <= maxHostnameBytes else { throw SIPSyntaxError("missing or overlong host", at: start) }
        if text.allSatisfy({ SIPCharacters.isDigit($0) || $0 == 0x2E }) {
            guard isIPv4(text) else { throw SIPSyntaxError("invalid IPv4 address", at: start) }
            return .ipv4(String(sipBytes: text))
        }
        guard isHostname(text) else { throw SIPSyntaxError("invalid host name", at: start) }
        return .name(String(sipBytes: text))
    }

    /// `1*DIGIT` bounded to 1–65535 (robustness §4: ports above 65535 are refused, as is 0).
    static func parsePort(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> UInt16 {
        guard let port = try scanner.decimal(maximum: 65535, "port"), port > 0 else { throw scanner.error("invalid port") }
        return UInt16(port)
    }

    /// hostname = *( domainlabel "." ) toplabel [ "." ]; labels of alphanum and inner hyphens; the top
    /// label starts with a letter.
    static func isHostname(_ text: ArraySlice<UInt8>) -> Bool {
        var labels = text.split(separator: 0x2E, omittingEmptySubsequences: false)
        if labels.count > 1, labels.last?.isEmpty == true { labels.removeLast() }
        guard let top = labels.last, let first = top.first, SIPCharacters.isAlpha(first) else { return false }
        return labels.allSatisfy { label in
            guard let head = label.first, let tail = label.last else { return false }
            return head != 0x2D && tail != 0x2D && label.allSatisfy { SIPCharacters.has($0, [.alpha, .digit]) || $0 == 0x2D }
        }
    }

    static func isIPv4(_ text: ArraySlice<UInt8>) -> Bool {
        let parts = text.split(separator: 0x2E, omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            guard (1...3).contains(part.count), part.allSatisfy(SIPCharacters.isDigit) else { return false }
            return part.reduce(0) { $0 * 10 + Int($1 - 0x30) } <= 255
        }
    }

    /// RFC 4291 §2.2: eight groups of 1–4 hex digits, one "::" standing for one or more zero groups,
    /// and optionally a dotted IPv4 address as the last 32 bits.
    static func isIPv6(_ text: ArraySlice<UInt8>) -> Bool {
        guard text.count >= 2, text.count <= 45 else { return false }
        let bytes = Array(text)
        var doubleColon: Int?
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == 0x3A, bytes[index + 1] == 0x3A {
                guard doubleColon == nil else { return false }
                doubleColon = index
            }
            index += 1
        }
        func groups(_ part: ArraySlice<UInt8>) -> Int? {
            if part.isEmpty { return 0 }
            var count = 0
            let pieces = part.split(separator: 0x3A, omittingEmptySubsequences: false)
            for (position, piece) in pieces.enumerated() {
                if position == pieces.count - 1, piece.contains(0x2E) {
                    guard isIPv4(piece) else { return nil }
                    count += 2
                } else {
                    guard (1...4).contains(piece.count), piece.allSatisfy({ SIPCharacters.has($0, .hexDigit) }) else { return nil }
                    count += 1
                }
            }
            return count
        }
        if let split = doubleColon {
            guard let head = groups(bytes[0..<split]), let tail = groups(bytes[(split + 2)...]),
                  !(bytes[0..<split].contains(0x2E)) else { return false }
            return head + tail <= 7
        }
        return groups(bytes[...]) == 8
    }
}
