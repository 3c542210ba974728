/// Content-Type (RFC 3261 §20.15): `type/subtype;parameters`, type and subtype lowercased.
public struct MediaType: Hashable, Sendable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    public var parameters: [SIPParameter]

    public init(_ type: String, _ subtype: String, parameters: [SIPParameter] = []) {
        self.type = type.sipLowercased
        self.subtype = subtype.sipLowercased
        self.parameters = parameters
    }

    public static let sdp = MediaType("application", "sdp")
    public static let sipfrag = MediaType("message", "sipfrag")

    /// Same type and subtype, parameters ignored.
    public func matches(_ other: MediaType) -> Bool { type == other.type && subtype == other.subtype }

    public var serialized: String { type + "/" + subtype + parameters.serialized }
    public var description: String { serialized }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> MediaType {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        let type = try scanner.requireToken("media type")
        guard scanner.consumeSeparator(0x2F) else { throw scanner.error("expected / in media type") }
        let subtype = try scanner.requireToken("media subtype")
        let parameters = try GenericParameterParser.parse(&scanner)
        try scanner.expectEnd("Content-Type")
        return MediaType(type, subtype, parameters: parameters)
    }
}
