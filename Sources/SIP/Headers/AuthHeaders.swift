/// Authorization, Proxy-Authorization, WWW-Authenticate and Proxy-Authenticate (RFC 3261 §20.7, §20.27,
/// §20.28, §20.44; RFC 7616 §3.3–3.4): an auth scheme and comma-separated `name=value` parameters,
/// values tokens or quoted strings. Unknown schemes parse too (RFC 4475 §3.3.7); `Digest` values are
/// interpreted by `DigestChallenge` and `DigestCredentials`.
public struct AuthHeader: Hashable, Sendable {
    /// Bound on the number of parameters in one auth header.
    public static let maxParameters = 32

    public var scheme: String
    public var parameters: [SIPParameter]

    public init(scheme: String, parameters: [SIPParameter]) {
        self.scheme = scheme
        self.parameters = parameters
    }

    public func value(_ name: String) -> String? { parameters[parameter: name] ?? nil }

    public var serialized: String {
        scheme + " " + parameters.map { parameter in
            parameter.name + "=" + (parameter.isQuoted ? SIPQuoting.quote(parameter.value ?? "") : (parameter.value ?? ""))
        }.joined(separator: ", ")
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> AuthHeader {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        let scheme = try scanner.requireToken("auth scheme")
        guard let next = scanner.peek, SIPCharacters.isWhitespace(next) else { throw scanner.error("expected auth parameters") }
        scanner.skipWhitespace()
        var parameters: [SIPParameter] = []
        repeat {
            guard parameters.count < maxParameters else { throw scanner.error("too many auth parameters") }
            let name = try scanner.requireToken("auth parameter name")
            guard scanner.consumeSeparator(0x3D) else { throw scanner.error("expected = after \(name)") }
            if scanner.peek == 0x22 {
                parameters.append(SIPParameter(name, try scanner.quotedString(), quoted: true))
            } else {
                parameters.append(SIPParameter(name, try scanner.requireToken("auth parameter value")))
            }
        } while scanner.consumeSeparator(0x2C)
        try scanner.expectEnd(scheme)
        return AuthHeader(scheme: scheme, parameters: parameters)
    }
}
