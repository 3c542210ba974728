/// One `;name[=value]` parameter of a header field or URI, in the order received. `value` is nil for a
/// parameter without `=`; a quoted value is kept unescaped with `isQuoted` set so it is quoted again
/// when serialized. URI parameters keep their %-escapes (compare with `SIPURI.parameter(_:)`).
public struct SIPParameter: Hashable, Sendable {
    public var name: String
    public var value: String?
    public var isQuoted: Bool

    public init(_ name: String, _ value: String? = nil, quoted: Bool = false) {
        self.name = name
        self.value = value
        isQuoted = quoted
    }

    /// `;name`, `;name=value` or `;name="value"` (with `\` and `"` escaped).
    public var serialized: String {
        guard let value else { return ";" + name }
        return ";" + name + "=" + (isQuoted ? SIPQuoting.quote(value) : value)
    }
}

extension Array where Element == SIPParameter {
    /// The first parameter with this name (ASCII case-insensitive).
    public func first(named name: String) -> SIPParameter? {
        first { $0.name.sipCaseInsensitiveEquals(name) }
    }

    /// The value of the first parameter with this name; `.some(nil)` for a parameter without value.
    public subscript(parameter name: String) -> String?? {
        first(named: name).map(\.value)
    }

    public func contains(named name: String) -> Bool { first(named: name) != nil }

    public var serialized: String { map(\.serialized).joined() }
}

/// Quoting for quoted-string values (RFC 3261 §25.1).
public enum SIPQuoting {
    /// `"` + text + `"`, with `"`, `\` and control characters written as quoted-pairs; CR and LF, which
    /// no quoted-pair can carry, become spaces.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\r" || scalar == "\n" { out.append(" "); continue }
            if scalar == "\"" || scalar == "\\" || scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
                out.append("\\")
            }
            out.unicodeScalars.append(scalar)
        }
        return out + "\""
    }
}

enum GenericParameterParser {
    /// Parses `*( SEMI generic-param )` where generic-param = token [ EQUAL gen-value ] and gen-value =
    /// token / host / quoted-string. Stops before anything that is not SEMI (a COMMA, the end).
    /// An empty parameter (`;;`) is an error.
    static func parse(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> [SIPParameter] {
        var parameters: [SIPParameter] = []
        while scanner.consumeSeparator(0x3B) {
            parameters.append(try parseOne(&scanner))
        }
        return parameters
    }

    static func parseOne(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> SIPParameter {
        guard let name = scanner.token() else { throw scanner.error("empty or invalid parameter name") }
        guard scanner.consumeSeparator(0x3D) else { return SIPParameter(String(sipBytes: name)) }
        if scanner.peek == 0x22 {
            return SIPParameter(String(sipBytes: name), try scanner.quotedString(), quoted: true)
        }
        // token or host (an IPv6 reference brings "[", "]" and ":").
        let value = scanner.take { SIPCharacters.isToken($0) || $0 == 0x5B || $0 == 0x5D || $0 == 0x3A }
        guard !value.isEmpty else { throw scanner.error("parameter \(String(sipBytes: name)) has an empty value") }
        return SIPParameter(String(sipBytes: name), String(sipBytes: value))
    }
}
