/// The header fields of a parsed or built SIP message. The parser decides once what every message
/// must have (RFC 3261 §8.1.1: Via, From, To, Call-ID, CSeq; Max-Forwards in requests) and types the
/// headers the UA core acts on, so nothing downstream re-reads raw text. Other fields stay in
/// `otherFields`, in the order received; typed accessors below parse the common ones on demand.
public struct SIPHeaders: Hashable, Sendable {
    /// Topmost first, across all Via fields in order.
    public var via: [Via]
    public var from: AddressHeader
    public var to: AddressHeader
    public var callID: String
    public var cseq: CSeq
    public var maxForwards: Int?
    public var contact: ContactHeader?
    public var route: [AddressHeader]
    public var recordRoute: [AddressHeader]
    public var contentType: MediaType?
    public var expires: UInt32?
    public var require: [String]
    public var supported: [String]
    /// nil when absent (absent and empty differ: RFC 3261 §20.5).
    public var allow: [SIPMethod]?
    public var sessionExpires: SessionExpires?
    public var minSE: UInt32?
    public var otherFields: [SIPHeaderField]

    public init(via: [Via], from: AddressHeader, to: AddressHeader, callID: String, cseq: CSeq,
                maxForwards: Int? = nil, contact: ContactHeader? = nil, route: [AddressHeader] = [],
                recordRoute: [AddressHeader] = [], contentType: MediaType? = nil, expires: UInt32? = nil,
                require: [String] = [], supported: [String] = [], allow: [SIPMethod]? = nil,
                sessionExpires: SessionExpires? = nil, minSE: UInt32? = nil, otherFields: [SIPHeaderField] = []) {
        self.via = via
        self.from = from
        self.to = to
        self.callID = callID
        self.cseq = cseq
        self.maxForwards = maxForwards
        self.contact = contact
        self.route = route
        self.recordRoute = recordRoute
        self.contentType = contentType
        self.expires = expires
        self.require = require
        self.supported = supported
        self.allow = allow
        self.sessionExpires = sessionExpires
        self.minSE = minSE
        self.otherFields = otherFields
    }

    public var topVia: Via? { via.first }

    /// Values of the untyped fields with this name (long form, any case), in order.
    public func values(_ name: String) -> [String] {
        otherFields.filter { HeaderName.matches($0.name, name) }.map(\.value)
    }

    public func firstValue(_ name: String) -> String? {
        otherFields.first { HeaderName.matches($0.name, name) }?.value
    }

    public mutating func add(_ name: String, _ value: String) {
        otherFields.append(SIPHeaderField(name, value))
    }

    public mutating func removeAll(_ name: String) {
        otherFields.removeAll { HeaderName.matches($0.name, name) }
    }

    func parse<T>(_ name: String, _ parser: (ArraySlice<UInt8>) throws(SIPSyntaxError) -> T) throws(SIPSyntaxError) -> T? {
        guard let value = firstValue(name) else { return nil }
        return try parser(Array(value.utf8)[...])
    }

    /// Authorization credentials (first field), parsed.
    public func authorization() throws(SIPSyntaxError) -> AuthHeader? { try parse("Authorization", AuthHeader.parse) }
    public func proxyAuthorization() throws(SIPSyntaxError) -> AuthHeader? { try parse("Proxy-Authorization", AuthHeader.parse) }
    /// Every WWW-Authenticate challenge (one per field).
    public func wwwAuthenticate() throws(SIPSyntaxError) -> [AuthHeader] {
        var challenges: [AuthHeader] = []
        for value in values("WWW-Authenticate") { challenges.append(try AuthHeader.parse(Array(value.utf8)[...])) }
        return challenges
    }
    public func proxyAuthenticate() throws(SIPSyntaxError) -> [AuthHeader] {
        var challenges: [AuthHeader] = []
        for value in values("Proxy-Authenticate") { challenges.append(try AuthHeader.parse(Array(value.utf8)[...])) }
        return challenges
    }
    public func event() throws(SIPSyntaxError) -> EventHeader? { try parse("Event", EventHeader.parse) }
    public func referTo() throws(SIPSyntaxError) -> AddressHeader? {
        try parse("Refer-To") { (bytes) throws(SIPSyntaxError) in try AddressHeader.parseSingle(bytes, "Refer-To") }
    }
    public func referredBy() throws(SIPSyntaxError) -> AddressHeader? {
        try parse("Referred-By") { (bytes) throws(SIPSyntaxError) in try AddressHeader.parseSingle(bytes, "Referred-By") }
    }
    public func replaces() throws(SIPSyntaxError) -> ReplacesHeader? { try parse("Replaces", ReplacesHeader.parse) }
    public func minExpires() throws(SIPSyntaxError) -> UInt32? {
        try parse("Min-Expires") { (bytes) throws(SIPSyntaxError) in try NumericHeader.deltaSeconds(bytes, "Min-Expires") }
    }
    public func unsupported() throws(SIPSyntaxError) -> [String] {
        try parse("Unsupported") { (bytes) throws(SIPSyntaxError) in try TokenList.parse(bytes, "Unsupported", allowEmpty: false) } ?? []
    }
    public func proxyRequire() throws(SIPSyntaxError) -> [String] {
        try parse("Proxy-Require") { (bytes) throws(SIPSyntaxError) in try TokenList.parse(bytes, "Proxy-Require", allowEmpty: false) } ?? []
    }
}
