/// How a serialized message's body is delimited.
public enum HTTPBodyFraming: Sendable, Equatable {
    /// No body and no framing field added (101, 204, 304, HEAD answers, GET requests).
    case none
    /// `Content-Length: n`; the caller writes exactly n body bytes after the head.
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`; the caller writes `appendChunk` pieces then `appendLastChunk`.
    case chunked
}

/// A field or start-line part that would corrupt the message if written (CR/LF injection, bad tokens).
public struct HTTPSerializationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let what: String
    public init(_ what: String) { self.what = what }
    public var description: String { "cannot serialize HTTP message: \(what)" }
}

/// Writes HTTP/1.1 heads and bodies into a byte buffer (RFC 9112). Framing fields are set from
/// `framing`, replacing any Content-Length/Transfer-Encoding already in the head. Every name and value
/// is checked, so no caller-supplied text can split a message.
public enum HTTPSerializer {
    static let crlf: [UInt8] = [ASCII.cr, ASCII.lf]

    public static func appendRequestHead(_ head: HTTPRequestHead, framing: HTTPBodyFraming, to out: inout [UInt8]) throws(HTTPSerializationError) {
        guard isToken(head.method) else { throw HTTPSerializationError("method \(head.method.debugDescription)") }
        guard !head.target.isEmpty, head.target.utf8.allSatisfy({ $0 > ASCII.space && $0 < ASCII.del }) else {
            throw HTTPSerializationError("request target \(head.target.debugDescription)")
        }
        out.append(contentsOf: head.method.utf8)
        out.append(ASCII.space)
        out.append(contentsOf: head.target.utf8)
        out.append(ASCII.space)
        out.append(contentsOf: head.version.description.utf8)
        out.append(contentsOf: crlf)
        try appendFields(head.headers, framing: framing, to: &out)
    }

    public static func appendResponseHead(_ head: HTTPResponseHead, framing: HTTPBodyFraming, to out: inout [UInt8]) throws(HTTPSerializationError) {
        guard (100...999).contains(head.status) else { throw HTTPSerializationError("status \(head.status)") }
        guard head.reason.utf8.allSatisfy(ASCII.isFieldValueByte) else { throw HTTPSerializationError("reason \(head.reason.debugDescription)") }
        out.append(contentsOf: head.version.description.utf8)
        out.append(ASCII.space)
        out.append(contentsOf: String(head.status).utf8)
        out.append(ASCII.space)
        out.append(contentsOf: head.reason.utf8)
        out.append(contentsOf: crlf)
        try appendFields(head.headers, framing: framing, to: &out)
    }

    /// One chunk of a chunked body (RFC 9112 §7.1). An empty chunk writes nothing: the zero-size chunk
    /// ends the body and is written by `appendLastChunk`.
    public static func appendChunk(_ bytes: [UInt8], to out: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        out.append(contentsOf: String(bytes.count, radix: 16).utf8)
        out.append(contentsOf: crlf)
        out.append(contentsOf: bytes)
        out.append(contentsOf: crlf)
    }

    /// The last chunk and optional trailer fields.
    public static func appendLastChunk(trailers: HTTPHeaders = HTTPHeaders(), to out: inout [UInt8]) throws(HTTPSerializationError) {
        out.append(ASCII.zero)
        out.append(contentsOf: crlf)
        try appendFields(trailers, framing: .none, to: &out)
    }

    /// A complete response with a Content-Length body.
    public static func response(_ head: HTTPResponseHead, body: [UInt8] = []) throws(HTTPSerializationError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + body.count)
        try appendResponseHead(head, framing: .contentLength(body.count), to: &out)
        out.append(contentsOf: body)
        return out
    }

    /// A complete request; a body gets Content-Length, no body gets no framing field.
    public static func request(_ head: HTTPRequestHead, body: [UInt8] = []) throws(HTTPSerializationError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + body.count)
        try appendRequestHead(head, framing: body.isEmpty ? .none : .contentLength(body.count), to: &out)
        out.append(contentsOf: body)
        return out
    }

    private static func appendFields(_ headers: HTTPHeaders, framing: HTTPBodyFraming, to out: inout [UInt8]) throws(HTTPSerializationError) {
        let framingFieldsReplaced = framing != .none
        for field in headers {
            if framingFieldsReplaced && (ASCII.caseInsensitiveEquals(field.name, "content-length")
                || ASCII.caseInsensitiveEquals(field.name, "transfer-encoding")) { continue }
            try appendField(field.name, field.value, to: &out)
        }
        switch framing {
        case .none: break
        case .contentLength(let length): try appendField("Content-Length", String(length), to: &out)
        case .chunked: try appendField("Transfer-Encoding", "chunked", to: &out)
        }
        out.append(contentsOf: crlf)
    }

    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) throws(HTTPSerializationError) {
        guard isToken(name) else { throw HTTPSerializationError("field name \(name.debugDescription)") }
        guard value.utf8.allSatisfy(ASCII.isFieldValueByte) else { throw HTTPSerializationError("value of \(name)") }
        out.append(contentsOf: name.utf8)
        out.append(ASCII.colon)
        out.append(ASCII.space)
        out.append(contentsOf: value.utf8)
        out.append(contentsOf: crlf)
    }

    private static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(ASCII.isToken)
    }
}
