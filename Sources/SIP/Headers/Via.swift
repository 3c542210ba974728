/// One Via value (RFC 3261 §20.42, RFC 3581 rport, RFC 5118 IPv6): sent-protocol, sent-by and
/// parameters. `branch` identifies the transaction (RFC 3261 §17.2.3).
public struct Via: Hashable, Sendable, CustomStringConvertible {
    /// RFC 3261 §8.1.1.7: branches of RFC 3261 clients start with this magic cookie.
    public static let magicCookie = "z9hG4bK"

    public var protocolName: String
    public var protocolVersion: String
    /// Transport as received (UDP, TCP, TLS, SCTP, WS, … or an unknown token).
    public var transport: String
    public var host: SIPHost
    public var port: UInt16?
    public var parameters: [SIPParameter]

    public init(transport: String, host: SIPHost, port: UInt16? = nil, branch: String? = nil,
                parameters: [SIPParameter] = []) {
        protocolName = "SIP"
        protocolVersion = "2.0"
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = (branch.map { [SIPParameter("branch", $0)] } ?? []) + parameters
    }

    public var branch: String? { parameters[parameter: "branch"] ?? nil }
    public var hasMagicCookie: Bool { branch?.hasPrefix(Via.magicCookie) ?? false }
    public var received: String? { parameters[parameter: "received"] ?? nil }
    /// RFC 3581: `.some(nil)` when `rport` is present without a value (a request for one).
    public var rport: UInt16?? {
        guard let parameter = parameters.first(named: "rport") else { return nil }
        return .some(parameter.value.flatMap { UInt16($0) })
    }
    public var maddr: String? { parameters[parameter: "maddr"] ?? nil }
    public var ttl: Int? { (parameters[parameter: "ttl"] ?? nil).flatMap { Int($0) } }

    /// `host[:port]` as written in sent-by (used in transaction keys).
    public var sentBy: String { host.serialized + (port.map { ":" + String($0) } ?? "") }

    public var serialized: String {
        protocolName + "/" + protocolVersion + "/" + transport + " " + sentBy + parameters.serialized
    }

    public var description: String { serialized }

    /// Parses one Via header field value: one or more comma-separated via-parms.
    public static func parseList(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> [Via] {
        var scanner = ByteScanner(bytes)
        var list: [Via] = []
        repeat {
            scanner.skipWhitespace()
            list.append(try parseOne(&scanner))
        } while scanner.consumeSeparator(0x2C)
        try scanner.expectEnd("Via")
        return list
    }

    static func parseOne(_ scanner: inout ByteScanner) throws(SIPSyntaxError) -> Via {
        let name = try scanner.requireToken("protocol name")
        guard scanner.consumeSeparator(0x2F) else { throw scanner.error("expected / in Via") }
        let version = try scanner.requireToken("protocol version")
        guard scanner.consumeSeparator(0x2F) else { throw scanner.error("expected / in Via") }
        let transport = try scanner.requireToken("transport")
        guard scanner.position < scanner.bytes.endIndex, SIPCharacters.isWhitespace(scanner.bytes[scanner.position]) else {
            throw scanner.error("expected white space before sent-by")
        }
        scanner.skipWhitespace()
        let host = try HostParser.parseHost(&scanner)
        var port: UInt16?
        if scanner.consumeSeparator(0x3A) { port = try HostParser.parsePort(&scanner) }
        let start = scanner.position
        let parameters = try GenericParameterParser.parse(&scanner)
        try validate(parameters, at: start)
        return Via(protocolName: name, protocolVersion: version, transport: transport, host: host, port: port,
                   parameters: parameters)
    }

    private init(protocolName: String, protocolVersion: String, transport: String, host: SIPHost, port: UInt16?,
                 parameters: [SIPParameter]) {
        self.protocolName = protocolName
        self.protocolVersion = protocolVersion
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    /// ttl 0–255, rport empty or a port, received an IP address, maddr a host, branch a token.
    private static func validate(_ parameters: [SIPParameter], at offset: Int) throws(SIPSyntaxError) {
        for parameter in parameters {
            let name = parameter.name.sipLowercased
            let value = parameter.value
            switch name {
            case "ttl":
                guard let value, let ttl = Int(value), (0...255).contains(ttl) else { throw SIPSyntaxError("invalid Via ttl", at: offset) }
            case "rport":
                if let value { guard let port = UInt16(value), port > 0 else { throw SIPSyntaxError("invalid Via rport", at: offset) } }
            case "received":
                guard let value, !parameter.isQuoted,
                      let host = try? HostParser.parseAddress(Array(value.utf8)[...], allowBareIPv6: true),
                      host.isAddress else { throw SIPSyntaxError("invalid Via received", at: offset) }
            case "maddr":
                guard let value, !parameter.isQuoted,
                      (try? HostParser.parseAddress(Array(value.utf8)[...], allowBareIPv6: false)) != nil else {
                    throw SIPSyntaxError("invalid Via maddr", at: offset)
                }
            case "branch":
                guard let value, !parameter.isQuoted, SIPCharacters.isTokenString(value) else {
                    throw SIPSyntaxError("invalid Via branch", at: offset)
                }
            default: break
            }
        }
    }
}

extension SIPHost {
    /// True for IPv4 and IPv6 addresses, false for names.
    public var isAddress: Bool {
        if case .name = self { return false }
        return true
    }
}
