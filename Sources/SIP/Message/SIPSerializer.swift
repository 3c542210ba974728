/// Writes SIP messages as bytes (RFC 3261 §7): start line, typed headers in a conventional order (Via,
/// Route, Record-Route, Max-Forwards, From, To, Call-ID, CSeq, Contact, …), the other fields in their
/// order, Content-Type, and a Content-Length computed from the body (always present, so the message is
/// valid on streams). CR and LF in text taken from callers are replaced by spaces, so a value can
/// never inject a header line.
public enum SIPSerializer {
    public static func serialize(_ message: SIPMessage) -> [UInt8] {
        switch message {
        case .request(let request): serialize(request)
        case .response(let response): serialize(response)
        }
    }

    public static func serialize(_ request: SIPRequest) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + request.body.count)
        appendText(request.method.rawValue, to: &out)
        out.append(0x20)
        appendText(request.uri.serialized, to: &out)
        out.append(contentsOf: " SIP/2.0\r\n".utf8)
        appendHeaders(request.headers, bodyCount: request.body.count, to: &out)
        out.append(contentsOf: request.body)
        return out
    }

    public static func serialize(_ response: SIPResponse) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512 + response.body.count)
        out.append(contentsOf: "SIP/2.0 ".utf8)
        appendText(String(response.statusCode), to: &out)
        out.append(0x20)
        appendText(response.reasonPhrase, to: &out)
        out.append(contentsOf: [0x0D, 0x0A])
        appendHeaders(response.headers, bodyCount: response.body.count, to: &out)
        out.append(contentsOf: response.body)
        return out
    }

    static func appendHeaders(_ headers: SIPHeaders, bodyCount: Int, to out: inout [UInt8]) {
        for via in headers.via { field("Via", via.serialized, &out) }
        for route in headers.route { field("Route", route.serialized, &out) }
        for route in headers.recordRoute { field("Record-Route", route.serialized, &out) }
        if let maxForwards = headers.maxForwards { field("Max-Forwards", String(maxForwards), &out) }
        field("From", headers.from.serialized, &out)
        field("To", headers.to.serialized, &out)
        field("Call-ID", headers.callID, &out)
        field("CSeq", headers.cseq.serialized, &out)
        switch headers.contact {
        case .wildcard?: field("Contact", "*", &out)
        case .addresses(let list)?: for contact in list { field("Contact", contact.serialized, &out) }
        case nil: break
        }
        if let expires = headers.expires { field("Expires", String(expires), &out) }
        if let sessionExpires = headers.sessionExpires { field("Session-Expires", sessionExpires.serialized, &out) }
        if let minSE = headers.minSE { field("Min-SE", String(minSE), &out) }
        if let allow = headers.allow { field("Allow", allow.map(\.rawValue).joined(separator: ", "), &out) }
        if !headers.supported.isEmpty { field("Supported", TokenList.serialize(headers.supported), &out) }
        if !headers.require.isEmpty { field("Require", TokenList.serialize(headers.require), &out) }
        for other in headers.otherFields { field(other.name, other.value, &out) }
        if let contentType = headers.contentType { field("Content-Type", contentType.serialized, &out) }
        field("Content-Length", String(bodyCount), &out)
        out.append(contentsOf: [0x0D, 0x0A])
    }

    @inline(__always) static func field(_ name: String, _ value: String, _ out: inout [UInt8]) {
        appendText(name, to: &out)
        out.append(contentsOf: [0x3A, 0x20])
        appendText(value, to: &out)
        out.append(contentsOf: [0x0D, 0x0A])
    }

    @inline(__always) static func appendText(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            out.append(byte == 0x0D || byte == 0x0A ? 0x20 : byte)
        }
    }
}
