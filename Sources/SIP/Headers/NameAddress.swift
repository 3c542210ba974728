/// RFC 3261 name-addr / addr-spec: an optional display name and a URI. A display name is a quoted string
/// (stored unescaped) or a run of tokens (stored joined by single spaces).
public struct NameAddress: Hashable, Sendable, CustomStringConvertible {
    public var displayName: String?
    public var uri: URI

    public init(displayName: String? = nil, uri: URI) {
        self.displayName = displayName
        self.uri = uri
    }

    public init(displayName: String? = nil, _ uri: SIPURI) {
        self.init(displayName: displayName, uri: .sip(uri))
    }

    /// Always the bracketed form, so parameters that follow belong to the header, never the URI.
    public var serialized: String {
        let name = displayName.map { SIPQuoting.quote($0) + " " } ?? ""
        return name + "<" + uri.serialized + ">"
    }

    public var description: String { serialized }

    /// Parses name-addr or addr-spec at the scanner's position. Without angle brackets the URI ends at
    /// ";", ",", "?" or white space (RFC 3261 §20: such URIs must be bracketed), so a following
    /// `;param` belongs to the header. Inside brackets no white space is allowed (RFC 4475 §3.1.2.14).
    static func parse(_ scanner: inout ByteScanner, requireBrackets: Bool = false) throws(SIPSyntaxError) -> NameAddress {
        scanner.skipWhitespace()
        var displayName: String?
        if scanner.peek == 0x22 {
            displayName = try scanner.quotedString()
            scanner.skipWhitespace()
            guard scanner.peek == 0x3C else { throw scanner.error("expected < after the display name") }
        } else if scanner.peek != 0x3C {
            // *(token LWS) followed by "<", or else an addr-spec.
            let start = scanner.position
            var tokens: [String] = []
            while let token = scanner.token() {
                tokens.append(String(sipBytes: token))
                scanner.skipWhitespace()
            }
            if scanner.peek == 0x3C, !tokens.isEmpty {
                displayName = tokens.joined(separator: " ")
            } else {
                scanner.position = start
                guard !requireBrackets else { throw scanner.error("expected <URI>") }
                let uriBytes = scanner.take { $0 > 0x20 && $0 != 0x3B && $0 != 0x2C && $0 != 0x3F && $0 != 0x7F }
                guard !uriBytes.isEmpty else { throw scanner.error("expected a URI") }
                if scanner.peek == 0x3F { throw scanner.error("a URI with ? must be enclosed in <>") }
                return NameAddress(uri: try URIParser.parse(uriBytes))
            }
        }
        let open = scanner.position
        guard scanner.consume(0x3C) else { throw scanner.error("expected <") }
        let uriBytes = scanner.take { $0 != 0x3E }
        guard scanner.consume(0x3E) else { throw SIPSyntaxError("unterminated <URI>", at: open) }
        return NameAddress(displayName: displayName, uri: try URIParser.parse(uriBytes))
    }
}

/// A header value made of an address and header parameters: From, To (with `tag`), Contact entries
/// (with `expires`, `q`), Route/Record-Route entries, Refer-To, Referred-By.
public struct AddressHeader: Hashable, Sendable, CustomStringConvertible {
    public var address: NameAddress
    public var parameters: [SIPParameter]

    public init(_ address: NameAddress, parameters: [SIPParameter] = []) {
        self.address = address
        self.parameters = parameters
    }

    public init(_ uri: SIPURI, displayName: String? = nil, tag: String? = nil) {
        self.init(NameAddress(displayName: displayName, uri), parameters: tag.map { [SIPParameter("tag", $0)] } ?? [])
    }

    public var uri: URI { address.uri }

    /// RFC 3261 §19.3 tag (From, To).
    public var tag: String? {
        get { parameters[parameter: "tag"] ?? nil }
        set {
            parameters.removeAll { $0.name.sipCaseInsensitiveEquals("tag") }
            if let newValue { parameters.append(SIPParameter("tag", newValue)) }
        }
    }

    public var serialized: String { address.serialized + parameters.serialized }
    public var description: String { serialized }

    /// One address with its parameters at the scanner's position (does not expect the end).
    static func parseOne(_ scanner: inout ByteScanner, requireBrackets: Bool = false) throws(SIPSyntaxError) -> AddressHeader {
        let address = try NameAddress.parse(&scanner, requireBrackets: requireBrackets)
        let parameters = try GenericParameterParser.parse(&scanner)
        return AddressHeader(address, parameters: parameters)
    }

    /// Exactly one address (From, To, Refer-To, Referred-By).
    static func parseSingle(_ bytes: ArraySlice<UInt8>, _ name: String) throws(SIPSyntaxError) -> AddressHeader {
        var scanner = ByteScanner(bytes)
        let header = try parseOne(&scanner)
        try scanner.expectEnd(name)
        return header
    }

    /// A comma-separated list of addresses (Contact, Route, Record-Route); empty elements are errors.
    static func parseList(_ bytes: ArraySlice<UInt8>, _ name: String, requireBrackets: Bool) throws(SIPSyntaxError) -> [AddressHeader] {
        var scanner = ByteScanner(bytes)
        var list: [AddressHeader] = []
        repeat {
            list.append(try parseOne(&scanner, requireBrackets: requireBrackets))
        } while scanner.consumeSeparator(0x2C)
        try scanner.expectEnd(name)
        return list
    }
}
