/// Types each header field as it is read and decides, once, whether the message has what it must:
/// exactly one From, To, Call-ID and CSeq, at least one Via, one Max-Forwards in a request (unless
/// configured otherwise), at most one of each single-valued header (RFC 4475 §3.3.8, §3.3.9), and a
/// CSeq method equal to the request method (§3.1.2.17). Errors point at the offending field.
struct HeaderCollector {
    let maxCallIDBytes: Int
    let maxBodyBytes: Int
    let isResponse: Bool

    var via: [Via] = []
    var from: AddressHeader?
    var to: AddressHeader?
    var callID: String?
    var cseq: (value: CSeq, offset: Int)?
    var maxForwards: Int?
    var contentLength: (value: Int, offset: Int)?
    var contact: ContactHeader?
    var route: [AddressHeader] = []
    var recordRoute: [AddressHeader] = []
    var contentType: MediaType?
    var expires: UInt32?
    var require: [String] = []
    var supported: [String] = []
    var allow: [SIPMethod]?
    var sessionExpires: SessionExpires?
    var minSE: UInt32?
    var otherFields: [SIPHeaderField] = []

    init(maxCallIDBytes: Int, maxBodyBytes: Int, isResponse: Bool) {
        self.maxCallIDBytes = maxCallIDBytes
        self.maxBodyBytes = maxBodyBytes
        self.isResponse = isResponse
    }

    mutating func add(_ field: HeaderSection.Field, in buffer: [UInt8]) throws(SIPParseError) {
        let (name, kind) = HeaderName.classify(buffer[field.name])
        let value = buffer[field.value]
        func fail(_ kind: SIPParseError.Kind, at offset: Int) -> SIPParseError {
            SIPParseError(kind, at: offset, isResponse: isResponse)
        }
        func once<T>(_ existing: T?) throws(SIPParseError) {
            if existing != nil { throw fail(.duplicateHeader(name), at: field.start) }
        }
        func syntax<T>(_ body: () throws(SIPSyntaxError) -> T) throws(SIPParseError) -> T {
            do { return try body() } catch {
                throw fail(.invalidHeader(name: name, reason: error.reason), at: error.offset)
            }
        }
        switch kind {
        case .via: via += try syntax { () throws(SIPSyntaxError) in try Via.parseList(value) }
        case .from: try once(from); from = try syntax { () throws(SIPSyntaxError) in try FromToParser.parse(value, name) }
        case .to: try once(to); to = try syntax { () throws(SIPSyntaxError) in try FromToParser.parse(value, name) }
        case .callID:
            try once(callID)
            callID = try syntax { () throws(SIPSyntaxError) in try CallID.parse(value, maxBytes: maxCallIDBytes) }
        case .cseq: try once(cseq); cseq = (try syntax { () throws(SIPSyntaxError) in try CSeq.parse(value) }, field.start)
        case .maxForwards:
            try once(maxForwards)
            maxForwards = try syntax { () throws(SIPSyntaxError) in try NumericHeader.maxForwards(value) }
        case .contentLength:
            try once(contentLength)
            // Parsed against a generous bound so an oversized body is 413, not a syntax error.
            let length = try syntax { () throws(SIPSyntaxError) in try NumericHeader.parse(value, maximum: UInt64(Int32.max), name) }
            guard length <= UInt64(maxBodyBytes) else { throw fail(.bodyTooLarge, at: field.start) }
            contentLength = (Int(length), field.start)
        case .contentType: try once(contentType); contentType = try syntax { () throws(SIPSyntaxError) in try MediaType.parse(value) }
        case .contact:
            let parsed = try syntax { () throws(SIPSyntaxError) in try ContactHeader.parse(value) }
            switch (contact, parsed) {
            case (nil, _): contact = parsed
            case (.addresses(let list)?, .addresses(let more)): contact = .addresses(list + more)
            default: throw fail(.invalidHeader(name: name, reason: "* must be the only Contact"), at: field.start)
            }
        case .route:
            route += try syntax { () throws(SIPSyntaxError) in try AddressHeader.parseList(value, name, requireBrackets: true) }
        case .recordRoute:
            recordRoute += try syntax { () throws(SIPSyntaxError) in try AddressHeader.parseList(value, name, requireBrackets: true) }
        case .expires: try once(expires); expires = try syntax { () throws(SIPSyntaxError) in try NumericHeader.deltaSeconds(value, name) }
        case .require: require += try syntax { () throws(SIPSyntaxError) in try TokenList.parse(value, name, allowEmpty: false) }
        case .supported: supported += try syntax { () throws(SIPSyntaxError) in try TokenList.parse(value, name, allowEmpty: true) }
        case .allow:
            let methods = try syntax { () throws(SIPSyntaxError) in try TokenList.parse(value, name, allowEmpty: true) }
            allow = (allow ?? []) + methods.map { SIPMethod($0) }
        case .sessionExpires:
            try once(sessionExpires)
            sessionExpires = try syntax { () throws(SIPSyntaxError) in try SessionExpires.parse(value) }
        case .minSE:
            try once(minSE)
            minSE = try syntax { () throws(SIPSyntaxError) in
                var scanner = ByteScanner(value)
                guard let seconds = try scanner.decimal(maximum: NumericHeader.maxDeltaSeconds, name) else {
                    throw scanner.error("Min-SE must be a number")
                }
                _ = try GenericParameterParser.parse(&scanner)
                try scanner.expectEnd(name)
                return UInt32(seconds)
            }
        case .other: otherFields.append(SIPHeaderField(name, String(sipBytes: value)))
        }
    }

    func finish(method: SIPMethod?, requireMaxForwards: Bool) throws(SIPParseError) -> SIPHeaders {
        func missing(_ name: String) -> SIPParseError { SIPParseError(.missingHeader(name), at: 0, isResponse: isResponse) }
        guard !via.isEmpty else { throw missing("Via") }
        guard let from else { throw missing("From") }
        guard let to else { throw missing("To") }
        guard let callID else { throw missing("Call-ID") }
        guard let cseq else { throw missing("CSeq") }
        if let method {
            if requireMaxForwards, maxForwards == nil { throw missing("Max-Forwards") }
            guard cseq.value.method == method else { throw SIPParseError(.cseqMethodMismatch, at: cseq.offset) }
        }
        if contact == .wildcard, method != .register {
            throw SIPParseError(.invalidHeader(name: "Contact", reason: "* outside REGISTER"), at: 0, isResponse: isResponse)
        }
        return SIPHeaders(via: via, from: from, to: to, callID: callID, cseq: cseq.value, maxForwards: maxForwards,
                          contact: contact, route: route, recordRoute: recordRoute, contentType: contentType,
                          expires: expires, require: require, supported: supported, allow: allow,
                          sessionExpires: sessionExpires, minSE: minSE, otherFields: otherFields)
    }
}
