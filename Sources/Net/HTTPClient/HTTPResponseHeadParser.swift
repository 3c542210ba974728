/// Builds an `HTTPClientResponseHead` from the header lines curl hands over one complete line at a
/// time (CURLOPT_HEADERFUNCTION's contract), for HTTP/1.x and HTTP/2 alike. Pure; bounded by its
/// limits; interim 1xx heads (100 Continue, 103 Early Hints) are skipped.
struct HTTPResponseHeadParser {
    /// Caps on one head (robustness: no unbounded sizes from the network).
    struct Limits: Sendable, Equatable {
        /// Bytes of all head lines together; 64 KiB is far above what any API sends.
        var maxHeadBytes = 64 * 1024
        var maxHeaderCount = 128
    }

    /// What was wrong, and at which byte offset of the head.
    struct Failure: Error, Equatable {
        let reason: String
        let offset: Int
    }

    let limits: Limits
    private var version: HTTPClientVersion?
    private var status = 0
    private var reason = ""
    private var headers = HTTPClientHeaders()
    private var offset = 0

    init(limits: Limits = Limits()) { self.limits = limits }

    /// Feeds one line (with or without its CRLF). Returns the head when the blank line ends a final
    /// (non-1xx) response; nil while more lines are needed.
    mutating func consume(line raw: some Collection<UInt8>) throws(Failure) -> HTTPClientResponseHead? {
        let lineOffset = offset
        offset += raw.count
        guard offset <= limits.maxHeadBytes else { throw Failure(reason: "head longer than \(limits.maxHeadBytes) bytes", offset: lineOffset) }
        var line = Array(raw)
        while let last = line.last, last == 0x0A || last == 0x0D { line.removeLast() }
        guard let version else {
            try parseStatusLine(line, at: lineOffset)
            return nil
        }
        if line.isEmpty {
            guard status >= 200 else {  // interim response: the final one follows
                self = HTTPResponseHeadParser(limits: limits, offset: offset)
                return nil
            }
            return HTTPClientResponseHead(version: version, status: status, reason: reason, headers: headers)
        }
        try parseField(line, at: lineOffset)
        return nil
    }

    private init(limits: Limits, offset: Int) {
        self.limits = limits
        self.offset = offset
    }

    private mutating func parseStatusLine(_ line: [UInt8], at lineOffset: Int) throws(Failure) {
        // "HTTP/1.1 200 OK", "HTTP/2 200 " (curl's form for HTTP/2 and 3).
        let parts = line.split(separator: 0x20, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let version = Self.version(parts[0]), parts[1].count == 3,
              parts[1].allSatisfy({ (0x30...0x39).contains($0) }),
              let status = Int(String(decoding: parts[1], as: UTF8.self)), status >= 100 else {
            throw Failure(reason: "malformed status line", offset: lineOffset)
        }
        self.version = version
        self.status = status
        self.reason = parts.count > 2 ? String(decoding: parts[2], as: UTF8.self).trimmingSpaces : ""
    }

    private mutating func parseField(_ line: [UInt8], at lineOffset: Int) throws(Failure) {
        if line.first == 0x20 || line.first == 0x09 {  // obs-fold (RFC 9112 §5.2): continues the previous value
            guard var last = headers.fields.last else { throw Failure(reason: "continuation line before any header", offset: lineOffset) }
            last.value += " " + String(decoding: line, as: UTF8.self).trimmingSpaces
            headers = HTTPClientHeaders(headers.fields.dropLast() + [last])
            return
        }
        guard let colon = line.firstIndex(of: 0x3A), colon > 0,
              line[..<colon].allSatisfy(Self.isTokenByte) else {
            throw Failure(reason: "malformed header line", offset: lineOffset)
        }
        guard headers.count < limits.maxHeaderCount else {
            throw Failure(reason: "more than \(limits.maxHeaderCount) headers", offset: lineOffset)
        }
        headers.add(name: String(decoding: line[..<colon], as: UTF8.self),
                    value: String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingSpaces)
    }

    private static func version(_ token: ArraySlice<UInt8>) -> HTTPClientVersion? {
        switch String(decoding: token, as: UTF8.self) {
        case "HTTP/1.0": .http1_0
        case "HTTP/1.1": .http1_1
        case "HTTP/2", "HTTP/2.0": .http2
        case "HTTP/3", "HTTP/3.0": .http3
        default: nil
        }
    }

    /// RFC 9110 §5.6.2 tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
