/// Answers a request the parser refused (RFC 4475: invalid requests get 400, a version mismatch 505),
/// when the fields a response must copy can still be read: every Via, and the first From, To, Call-ID
/// and CSeq, each parsed with the normal header parsers. Anything less — or a refused response — gives
/// nil: drop the message. This is the only place that reads a refused message's headers again.
public enum SIPErrorResponse {
    public static func make(for bytes: ArraySlice<UInt8>, error: SIPParseError, toTag: String? = nil,
                            parser: SIPParser = SIPParser()) -> SIPResponse? {
        guard !error.isResponse, bytes.count <= parser.maxMessageBytes else { return nil }
        var buffer = Array(bytes)
        guard let section = try? HeaderSection.scan(&buffer, maxHeaders: parser.maxHeaders,
                                                    maxFieldBytes: parser.maxHeaderLineBytes) else { return nil }
        let startLine = buffer[section.startLine]
        guard !(startLine.count >= 4 && SIPCharacters.equalsLowercased(startLine.prefix(4), "sip/")) else { return nil }
        var via: [Via] = []
        var from: AddressHeader?, to: AddressHeader?, callID: String?, cseq: CSeq?
        for field in section.fields {
            let (name, kind) = HeaderName.classify(buffer[field.name])
            let value = buffer[field.value]
            switch kind {
            case .via: guard let list = try? Via.parseList(value) else { return nil }; via += list
            case .from where from == nil: from = try? FromToParser.parse(value, name)
            case .to where to == nil: to = try? FromToParser.parse(value, name)
            case .callID where callID == nil: callID = try? CallID.parse(value, maxBytes: parser.maxCallIDBytes)
            case .cseq where cseq == nil: cseq = try? CSeq.parse(value)
            default: break
            }
        }
        guard !via.isEmpty, let from, var to, let callID, let cseq else { return nil }
        if to.tag == nil, let toTag { to.tag = toTag }
        let headers = SIPHeaders(via: via, from: from, to: to, callID: callID, cseq: cseq)
        return SIPResponse(statusCode: error.status, reasonPhrase: error.reasonPhrase, headers: headers)
    }
}
