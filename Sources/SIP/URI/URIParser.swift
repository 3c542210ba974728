/// Parses URIs (RFC 3261 §19.1 and §25.1, RFC 3966 for tel). The whole slice must be one URI: no
/// spaces, no angle brackets (RFC 4475 §3.1.2.7, §3.1.2.14). Every %-escape is checked.
enum URIParser {
    /// Longest scheme name accepted for an unknown scheme.
    static let maxSchemeBytes = 32

    static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> URI {
        guard let colon = bytes.firstIndex(of: 0x3A) else { throw SIPSyntaxError("URI has no scheme", at: bytes.startIndex) }
        let scheme = bytes[bytes.startIndex..<colon]
        let rest = bytes[(colon + 1)...]
        if SIPCharacters.equalsLowercased(scheme, "sip") { return .sip(try parseSIP(rest, secure: false)) }
        if SIPCharacters.equalsLowercased(scheme, "sips") { return .sip(try parseSIP(rest, secure: true)) }
        if SIPCharacters.equalsLowercased(scheme, "tel") { return .tel(try parseTel(rest)) }
        guard let first = scheme.first, SIPCharacters.isAlpha(first), scheme.count <= maxSchemeBytes,
              scheme.allSatisfy({ SIPCharacters.has($0, .scheme) }) else {
            throw SIPSyntaxError("invalid URI scheme", at: bytes.startIndex)
        }
        guard !rest.isEmpty else { throw SIPSyntaxError("empty URI after the scheme", at: colon) }
        // absoluteURI (RFC 3261 §25.1): printable ASCII except the delimiters that end a URI in a header.
        for index in rest.indices {
            let b = rest[index]
            guard b > 0x20, b < 0x7F, b != 0x3C, b != 0x3E, b != 0x22 else {
                throw SIPSyntaxError("invalid character in URI", at: index)
            }
            if b == 0x25 { try PercentEncoding.validate(rest[index...].prefix(3), "URI") { _ in true } }
        }
        return .other(scheme: String(sipBytes: scheme), text: String(sipBytes: rest))
    }

    static func parseSIP(_ bytes: ArraySlice<UInt8>, secure: Bool) throws(SIPSyntaxError) -> SIPURI {
        var hostStart = bytes.startIndex
        var user: String?
        var password: String?
        // userinfo ends at the first "@": neither user nor password may contain a raw "@".
        if let at = bytes.firstIndex(of: 0x40) {
            let userinfo = bytes[bytes.startIndex..<at]
            let colon = userinfo.firstIndex(of: 0x3A)
            let userBytes = userinfo[userinfo.startIndex..<(colon ?? userinfo.endIndex)]
            guard !userBytes.isEmpty else { throw SIPSyntaxError("empty user part", at: userinfo.startIndex) }
            try PercentEncoding.validate(userBytes, "user part") { SIPCharacters.has($0, [.unreserved, .userUnreserved]) }
            user = String(sipBytes: userBytes)
            if let colon {
                let passwordBytes = userinfo[(colon + 1)...]
                try PercentEncoding.validate(passwordBytes, "password") { SIPCharacters.has($0, [.unreserved, .passwordExtra]) }
                password = String(sipBytes: passwordBytes)
            }
            hostStart = at + 1
        }
        var scanner = ByteScanner(bytes[hostStart...])
        let host = try HostParser.parseHost(&scanner)
        var port: UInt16?
        if scanner.consume(0x3A) { port = try HostParser.parsePort(&scanner) }
        var parameters: [SIPParameter] = []
        while scanner.consume(0x3B) {
            let name = scanner.take { SIPCharacters.has($0, [.unreserved, .paramUnreserved]) || $0 == 0x25 }
            guard !name.isEmpty else { throw scanner.error("empty URI parameter") }
            try PercentEncoding.validate(name, "URI parameter") { _ in true }
            var value: String?
            if scanner.consume(0x3D) {
                let valueBytes = scanner.take { SIPCharacters.has($0, [.unreserved, .paramUnreserved]) || $0 == 0x25 }
                guard !valueBytes.isEmpty else { throw scanner.error("empty URI parameter value") }
                try PercentEncoding.validate(valueBytes, "URI parameter") { _ in true }
                value = String(sipBytes: valueBytes)
            }
            parameters.append(SIPParameter(String(sipBytes: name), value))
        }
        var headers: [SIPParameter] = []
        if scanner.consume(0x3F) {
            repeat {
                let allowed: (UInt8) -> Bool = { SIPCharacters.has($0, [.unreserved, .headerUnreserved]) || $0 == 0x25 }
                let name = scanner.take(while: allowed)
                guard !name.isEmpty, scanner.consume(0x3D) else { throw scanner.error("invalid URI header") }
                let value = scanner.take(while: allowed)
                try PercentEncoding.validate(name, "URI header") { _ in true }
                try PercentEncoding.validate(value, "URI header") { _ in true }
                headers.append(SIPParameter(String(sipBytes: name), String(sipBytes: value)))
            } while scanner.consume(0x26)
        }
        guard scanner.isAtEnd else { throw scanner.error("invalid character in SIP URI") }
        return SIPURI(isSecure: secure, user: user, password: password, host: host, port: port,
                      parameters: parameters, headers: headers)
    }

    /// RFC 3966 telephone-subscriber: a global number (`+` and digits) or a local number (digits, hex
    /// digits, `*`, `#`), with visual separators `-.()`, then `;parameters`.
    static func parseTel(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> TelURI {
        var scanner = ByteScanner(bytes)
        let number = scanner.take { b in
            SIPCharacters.has(b, .hexDigit) || b == 0x2B || b == 0x2A || b == 0x23 || b == 0x2D
                || b == 0x2E || b == 0x28 || b == 0x29
        }
        guard number.contains(where: { SIPCharacters.has($0, .hexDigit) || $0 == 0x2A || $0 == 0x23 }),
              !number.dropFirst().contains(0x2B) else { throw SIPSyntaxError("invalid telephone number", at: bytes.startIndex) }
        var parameters: [SIPParameter] = []
        while scanner.consume(0x3B) {
            let allowed: (UInt8) -> Bool = { SIPCharacters.has($0, [.unreserved, .paramUnreserved]) || $0 == 0x25 }
            let name = scanner.take(while: allowed)
            guard !name.isEmpty else { throw scanner.error("empty tel parameter") }
            var value: String?
            if scanner.consume(0x3D) {
                let valueBytes = scanner.take(while: allowed)
                try PercentEncoding.validate(valueBytes, "tel parameter") { _ in true }
                value = String(sipBytes: valueBytes)
            }
            try PercentEncoding.validate(name, "tel parameter") { _ in true }
            parameters.append(SIPParameter(String(sipBytes: name), value))
        }
        guard scanner.isAtEnd else { throw scanner.error("invalid character in tel URI") }
        return TelURI(number: String(sipBytes: number), parameters: parameters)
    }
}
