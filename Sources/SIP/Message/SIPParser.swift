/// Parses one SIP message (RFC 3261 §7, §20, §25) from bytes: a UDP datagram, or a message cut out of
/// a TCP/TLS stream by `SIPStreamFramer`. Pure: no I/O, no state between calls. Accepts everything the
/// grammar allows (folded lines, compact names, any case, lists and repeats, odd spacing, quoted-pairs,
/// IPv6 references, UTF-8 where allowed) and refuses the rest with a `SIPParseError` that carries the
/// status to answer and the offset of the fault. Never traps on any input.
public struct SIPParser: Sendable {
    /// Largest message accepted: the largest UDP payload (RFC 768 length field, 65535 − 8 − 20 rounded
    /// up to what a sender can put in one datagram). Over it: 513.
    public static let defaultMaxMessageBytes = 65_535
    /// Header fields per message (a Via chain of 70 hops fits). Over it: 513.
    public static let defaultMaxHeaders = 128
    /// One header field, folded continuation lines included. Over it: 513.
    public static let defaultMaxHeaderLineBytes = 8 * 1024
    /// Body bytes announced by Content-Length. Over it: 413.
    public static let defaultMaxBodyBytes = 60 * 1024
    /// Call-ID length (robustness §5).
    public static let defaultMaxCallIDBytes = CallID.defaultMaxBytes

    /// How the message arrived: a datagram may omit Content-Length (the body is the rest) and may carry
    /// extra bytes after the announced body (RFC 3261 §18.3: ignored); a stream message must carry a
    /// Content-Length equal to its body.
    public enum Framing: Sendable { case datagram, stream }

    public var maxMessageBytes: Int
    public var maxHeaders: Int
    public var maxHeaderLineBytes: Int
    public var maxBodyBytes: Int
    public var maxCallIDBytes: Int
    /// RFC 3261 §8.1.1.6 makes Max-Forwards mandatory in requests; RFC 2543 peers omit it (RFC 4475
    /// §3.4.1). Default: required (400 without it).
    public var requireMaxForwards: Bool

    public init(maxMessageBytes: Int = defaultMaxMessageBytes, maxHeaders: Int = defaultMaxHeaders,
                maxHeaderLineBytes: Int = defaultMaxHeaderLineBytes, maxBodyBytes: Int = defaultMaxBodyBytes,
                maxCallIDBytes: Int = defaultMaxCallIDBytes, requireMaxForwards: Bool = true) {
        self.maxMessageBytes = max(0, maxMessageBytes)
        self.maxHeaders = max(0, maxHeaders)
        self.maxHeaderLineBytes = max(0, maxHeaderLineBytes)
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.maxCallIDBytes = max(1, maxCallIDBytes)
        self.requireMaxForwards = requireMaxForwards
    }

    /// True for a datagram of only CR/LF bytes: an RFC 5626 keep-alive, to be skipped (or answered
    /// with a single CRLF when it is a double CRLF ping).
    public static func isKeepAlive(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy { $0 == 0x0D || $0 == 0x0A }
    }

    public func parse(datagram bytes: [UInt8]) throws(SIPParseError) -> SIPMessage {
        try parse(bytes[...], framing: .datagram)
    }

    /// Parses one message; offsets in errors count from the first byte of `bytes`.
    public func parse(_ bytes: ArraySlice<UInt8>, framing: Framing) throws(SIPParseError) -> SIPMessage {
        guard bytes.count <= maxMessageBytes else { throw SIPParseError(.messageTooLarge, at: maxMessageBytes) }
        var buffer = Array(bytes)
        let section = try HeaderSection.scan(&buffer, maxHeaders: maxHeaders, maxFieldBytes: maxHeaderLineBytes)
        let startLine = try StartLine.parse(buffer[section.startLine])
        let isResponse = startLine.isResponse
        var collector = HeaderCollector(maxCallIDBytes: maxCallIDBytes, maxBodyBytes: maxBodyBytes, isResponse: isResponse)
        for field in section.fields {
            try collector.add(field, in: buffer)
        }
        let headers = try collector.finish(method: startLine.method, requireMaxForwards: requireMaxForwards)
        let body = try extractBody(buffer, from: section.bodyStart, contentLength: collector.contentLength,
                                   framing: framing, isResponse: isResponse)
        switch startLine {
        case .request(let method, let uri):
            return .request(SIPRequest(method: method, uri: uri, headers: headers, body: body))
        case .response(let code, let reason):
            return .response(SIPResponse(statusCode: code, reasonPhrase: reason, headers: headers, body: body))
        }
    }

    private func extractBody(_ buffer: [UInt8], from start: Int, contentLength: (value: Int, offset: Int)?,
                             framing: Framing, isResponse: Bool) throws(SIPParseError) -> [UInt8] {
        let available = buffer.count - start
        guard let (length, offset) = contentLength else {
            guard framing == .datagram else { throw SIPParseError(.missingContentLength, at: start, isResponse: isResponse) }
            guard available <= maxBodyBytes else { throw SIPParseError(.bodyTooLarge, at: start, isResponse: isResponse) }
            return Array(buffer[start...])
        }
        guard length <= available, framing == .datagram || length == available else {
            throw SIPParseError(.contentLengthMismatch, at: offset, isResponse: isResponse)
        }
        return Array(buffer[start..<(start + length)])
    }
}
