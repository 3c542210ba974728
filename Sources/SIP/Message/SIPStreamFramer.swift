/// Cuts SIP messages out of a TCP/TLS byte stream (RFC 3261 §18.3): CRLFs between messages are
/// skipped (a double CRLF is an RFC 5626 keep-alive ping, reported so the shell can answer with one
/// CRLF), each message needs a Content-Length, and no message may exceed the parser's
/// `maxMessageBytes`. Output does not depend on how the stream was cut into reads. After an error the
/// framer keeps throwing it: close the connection.
public struct SIPStreamFramer: Sendable {
    /// What `next()` found in the stream.
    public enum Event: Equatable, Sendable {
        case message(SIPMessage)
        /// CRLF CRLF received between messages (RFC 5626 §4.4.1): answer with CRLF.
        case keepAlive
    }

    public let parser: SIPParser
    private var buffer: [UInt8] = []
    private var start = 0
    /// Stream offset of `buffer[0]`.
    private var base = 0
    private var pendingCRLFs = 0
    /// Where the search for the end of the header section resumes.
    private var scanned = 0
    private var failure: SIPParseError?

    public init(parser: SIPParser = SIPParser()) { self.parser = parser }

    /// Bytes held that are not yet part of a returned message.
    public var bufferedByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

    /// The next message or keep-alive, nil when more bytes are needed.
    public mutating func next() throws(SIPParseError) -> Event? {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            let shifted = SIPParseError(error.kind, at: base + start + error.offset, isResponse: error.isResponse)
            failure = shifted
            throw shifted
        }
    }

    private mutating func step() throws(SIPParseError) -> Event? {
        while start < buffer.count, buffer[start] == 0x0D || buffer[start] == 0x0A {
            if buffer[start] == 0x0D {
                guard start + 1 < buffer.count else { return nil }
                guard buffer[start + 1] == 0x0A else { throw SIPParseError(.invalidLineEnding, at: 0) }
                start += 2
            } else {
                start += 1
            }
            pendingCRLFs += 1
            scanned = start
            if pendingCRLFs == 2 {
                pendingCRLFs = 0
                compact()
                return .keepAlive
            }
        }
        guard start < buffer.count else { compact(); return nil }
        pendingCRLFs = 0
        guard let headerEnd = findHeaderEnd() else {
            if buffer.count - start > parser.maxMessageBytes { throw SIPParseError(.messageTooLarge, at: 0) }
            return nil
        }
        let length = try contentLength(buffer[start..<headerEnd])
        let total = headerEnd - start + length
        guard total <= parser.maxMessageBytes else { throw SIPParseError(.messageTooLarge, at: 0) }
        guard buffer.count - start >= total else { return nil }
        let message = try parser.parse(buffer[start..<(start + total)], framing: .stream)
        start += total
        scanned = start
        compact()
        return .message(message)
    }

    /// Index just after the empty line ending the header section (CRLF CRLF, or LF LF), if present.
    private mutating func findHeaderEnd() -> Int? {
        var index = max(scanned, start)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return index + 2 }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return index + 3 }
                if index + 2 >= buffer.count { scanned = index; return nil }
            }
            index += 1
        }
        scanned = max(start, buffer.count - 2)
        return nil
    }

    /// The Content-Length of a header section (folding and compact `l` included); required.
    private func contentLength(_ head: ArraySlice<UInt8>) throws(SIPParseError) -> Int {
        var copy = Array(head)
        let section = try HeaderSection.scan(&copy, maxHeaders: parser.maxHeaders, maxFieldBytes: parser.maxHeaderLineBytes)
        var length: Int?
        for field in section.fields where HeaderName.classify(copy[field.name]).kind == .contentLength {
            guard length == nil else { throw SIPParseError(.duplicateHeader("Content-Length"), at: field.start) }
            let value: UInt64
            do { value = try NumericHeader.parse(copy[field.value], maximum: UInt64(Int32.max), "Content-Length") } catch {
                throw SIPParseError(.invalidHeader(name: "Content-Length", reason: error.reason), at: error.offset)
            }
            guard value <= UInt64(parser.maxBodyBytes) else { throw SIPParseError(.bodyTooLarge, at: field.start) }
            length = Int(value)
        }
        guard let length else { throw SIPParseError(.missingContentLength, at: 0) }
        return length
    }

    /// Drops consumed bytes once they are at least half the buffer, keeping appends amortized O(1).
    private mutating func compact() {
        guard start > 0, start >= buffer.count / 2 else { return }
        buffer.removeFirst(start)
        base += start
        scanned -= start
        start = 0
    }
}
