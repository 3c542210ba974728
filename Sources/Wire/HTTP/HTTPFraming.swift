/// How the body of one message is delimited (RFC 9112 §6.3).
enum HTTPFraming: Equatable {
    case empty
    case length(Int)
    case chunked
    /// Response body read until the connection closes.
    case untilClose
}

/// Collects, line by line, the fields that decide framing (Content-Length, Transfer-Encoding, Host),
/// so an error points at the line that caused it; `decide…` applies RFC 9112 §6.3 once the head ends.
struct HTTPFramingFields {
    private(set) var contentLength: Int?
    private var contentLengthOffset = 0
    private var transferCodings: [String] = []
    private var transferEncodingOffset: Int?
    private(set) var hostCount = 0
    private(set) var secondHostOffset = 0

    /// Content-Length and Transfer-Encoding decide where the body ends.
    static func isFramingField(_ name: String) -> Bool {
        ASCII.caseInsensitiveEquals(name, "content-length") || ASCII.caseInsensitiveEquals(name, "transfer-encoding")
    }

    mutating func observe(name: String, value: String, lineOffset: Int) throws(HTTPParseError) {
        if ASCII.caseInsensitiveEquals(name, "content-length") {
            try observeContentLength(value, lineOffset: lineOffset)
        } else if ASCII.caseInsensitiveEquals(name, "transfer-encoding") {
            if transferEncodingOffset == nil { transferEncodingOffset = lineOffset }
            for element in value.split(separator: ",") {
                let coding = ASCII.trimmingWhitespace(element.split(separator: ";", maxSplits: 1).first ?? "")
                if !coding.isEmpty { transferCodings.append(coding.lowercased()) }
            }
        } else if ASCII.caseInsensitiveEquals(name, "host") {
            hostCount += 1
            if hostCount == 2 { secondHostOffset = lineOffset }
        }
    }

    /// RFC 9110 §8.6: a list of identical values counts as one; differing values are an error.
    private mutating func observeContentLength(_ value: String, lineOffset: Int) throws(HTTPParseError) {
        let elements = value.split(separator: ",", omittingEmptySubsequences: false)
        for element in elements {
            let digits = ASCII.trimmingWhitespace(element).utf8
            guard !digits.isEmpty, digits.allSatisfy(ASCII.isDigit) else {
                throw HTTPParseError(.invalidContentLength, at: lineOffset)
            }
            var length = 0
            for digit in digits {
                let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(digit - ASCII.zero))
                length = overflow1 || overflow2 ? Int.max : sum  // saturate: too large is caught as 413
                if length == Int.max { break }
            }
            if let known = contentLength, known != length {
                throw HTTPParseError(.conflictingContentLength, at: lineOffset)
            }
            contentLength = length
            contentLengthOffset = lineOffset
        }
    }

    /// RFC 9112 §6.1 and §6.3 for a request: chunked must be the final coding; CL with TE is refused
    /// (request smuggling); TE in HTTP/1.0 is faulty framing; codings other than chunked are 501.
    func decideRequest(version: HTTPVersion, maxBodyBytes: Int) throws(HTTPParseError) -> HTTPFraming {
        if let teOffset = transferEncodingOffset {
            return try decideTransferEncoding(version: version, teOffset: teOffset, finalNotChunked: .chunkedNotFinal)
        }
        return try decideContentLength(maxBodyBytes: maxBodyBytes, otherwise: .empty)
    }

    /// RFC 9112 §6.3 for a response whose status and request method allow a body.
    func decideResponse(version: HTTPVersion, maxBodyBytes: Int) throws(HTTPParseError) -> HTTPFraming {
        if let teOffset = transferEncodingOffset {
            return try decideTransferEncoding(version: version, teOffset: teOffset, finalNotChunked: nil)
        }
        return try decideContentLength(maxBodyBytes: maxBodyBytes, otherwise: .untilClose)
    }

    private func decideTransferEncoding(version: HTTPVersion, teOffset: Int, finalNotChunked: HTTPParseError.Kind?) throws(HTTPParseError) -> HTTPFraming {
        guard version.isAtLeastHTTP11 else { throw HTTPParseError(.transferEncodingInHTTP10, at: teOffset) }
        if contentLength != nil {
            throw HTTPParseError(.transferEncodingWithContentLength, at: max(teOffset, contentLengthOffset))
        }
        guard transferCodings.last == "chunked" else {
            if let kind = finalNotChunked { throw HTTPParseError(kind, at: teOffset) }
            return transferCodings.isEmpty ? .untilClose : try refuseCodings(teOffset)
        }
        // RFC 9112 §6.1: chunked must not be applied more than once.
        if transferCodings.dropLast().contains("chunked") { throw HTTPParseError(.chunkedNotFinal, at: teOffset) }
        if transferCodings.count > 1 { return try refuseCodings(teOffset) }
        return .chunked
    }

    private func refuseCodings(_ teOffset: Int) throws(HTTPParseError) -> HTTPFraming {
        throw HTTPParseError(.unsupportedTransferCoding, at: teOffset)
    }

    private func decideContentLength(maxBodyBytes: Int, otherwise: HTTPFraming) throws(HTTPParseError) -> HTTPFraming {
        guard let length = contentLength else { return otherwise }
        guard length <= maxBodyBytes else { throw HTTPParseError(.bodyTooLarge, at: contentLengthOffset) }
        return length == 0 ? .empty : .length(length)
    }
}
