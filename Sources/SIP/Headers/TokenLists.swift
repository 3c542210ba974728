/// Comma-separated token lists: Supported, Require, Proxy-Require, Unsupported (option tags, RFC 3261
/// §20.37 etc.) and Allow (methods, §20.5). Supported and Allow may be empty; empty elements are errors.
public enum TokenList {
    public static func parse(_ bytes: ArraySlice<UInt8>, _ name: String, allowEmpty: Bool) throws(SIPSyntaxError) -> [String] {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        if scanner.isAtEnd {
            guard allowEmpty else { throw scanner.error("empty \(name)") }
            return []
        }
        var tokens: [String] = []
        repeat {
            tokens.append(try scanner.requireToken("\(name) entry"))
        } while scanner.consumeSeparator(0x2C)
        try scanner.expectEnd(name)
        return tokens
    }

    public static func serialize(_ tokens: [String]) -> String { tokens.joined(separator: ", ") }
}

/// Session-Expires (RFC 4028 §4): delta-seconds with an optional `refresher=uac|uas`.
public struct SessionExpires: Hashable, Sendable {
    /// Which side refreshes the session (RFC 4028 §9).
    public enum Refresher: String, Sendable { case uac, uas }

    public var seconds: UInt32
    public var refresher: Refresher?
    public var parameters: [SIPParameter]

    public init(seconds: UInt32, refresher: Refresher? = nil, parameters: [SIPParameter] = []) {
        self.seconds = seconds
        self.refresher = refresher
        self.parameters = parameters
    }

    public var serialized: String {
        String(seconds) + (refresher.map { ";refresher=" + $0.rawValue } ?? "") + parameters.serialized
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> SessionExpires {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        guard let seconds = try scanner.decimal(maximum: NumericHeader.maxDeltaSeconds, "Session-Expires") else {
            throw scanner.error("Session-Expires must start with a number")
        }
        var parameters = try GenericParameterParser.parse(&scanner)
        try scanner.expectEnd("Session-Expires")
        var refresher: Refresher?
        if let index = parameters.firstIndex(where: { $0.name.sipCaseInsensitiveEquals("refresher") }) {
            guard let value = parameters[index].value?.sipLowercased, let parsed = Refresher(rawValue: value) else {
                throw SIPSyntaxError("refresher must be uac or uas", at: bytes.startIndex)
            }
            refresher = parsed
            parameters.remove(at: index)
        }
        return SessionExpires(seconds: UInt32(seconds), refresher: refresher, parameters: parameters)
    }
}

/// Event (RFC 6665 §8.2.1): a package name (token, may contain dots) and parameters (`id`).
public struct EventHeader: Hashable, Sendable {
    public var package: String
    public var parameters: [SIPParameter]

    public init(package: String, parameters: [SIPParameter] = []) {
        self.package = package
        self.parameters = parameters
    }

    public var id: String? { parameters[parameter: "id"] ?? nil }
    public var serialized: String { package + parameters.serialized }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> EventHeader {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        let package = try scanner.requireToken("event package")
        let parameters = try GenericParameterParser.parse(&scanner)
        try scanner.expectEnd("Event")
        return EventHeader(package: package, parameters: parameters)
    }
}

/// Replaces (RFC 3891 §6.1): the dialog to replace — Call-ID, `to-tag`, `from-tag`, `early-only`.
public struct ReplacesHeader: Hashable, Sendable {
    public var callID: String
    public var toTag: String
    public var fromTag: String
    public var earlyOnly: Bool

    public init(callID: String, toTag: String, fromTag: String, earlyOnly: Bool = false) {
        self.callID = callID
        self.toTag = toTag
        self.fromTag = fromTag
        self.earlyOnly = earlyOnly
    }

    public var serialized: String {
        callID + ";to-tag=" + toTag + ";from-tag=" + fromTag + (earlyOnly ? ";early-only" : "")
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> ReplacesHeader {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        let callIDBytes = scanner.take { SIPCharacters.has($0, .word) || $0 == 0x40 }
        let callID = try CallID.parse(callIDBytes)
        let parameters = try GenericParameterParser.parse(&scanner)
        try scanner.expectEnd("Replaces")
        guard let toTag = parameters[parameter: "to-tag"] ?? nil, let fromTag = parameters[parameter: "from-tag"] ?? nil else {
            throw SIPSyntaxError("Replaces needs to-tag and from-tag", at: bytes.startIndex)
        }
        return ReplacesHeader(callID: callID, toTag: toTag, fromTag: fromTag, earlyOnly: parameters.contains(named: "early-only"))
    }
}
