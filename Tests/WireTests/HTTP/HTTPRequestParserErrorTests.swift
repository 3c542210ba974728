import Testing
import Wire

/// Every protocol error of RFC 9112 the request parser refuses, with the status the server answers
/// and the byte offset of the fault (`^` marks where the offset must point, and is removed).
@Suite struct HTTPRequestParserErrorTests {
    /// Splits a marked request into its bytes and the marker's offset.
    static func marked(_ text: String) -> (String, Int) {
        let bytes = Array(text.utf8)
        let caret = bytes.firstIndex(of: UInt8(ascii: "^"))!
        var clean = bytes
        clean.remove(at: caret)
        return (String(decoding: clean, as: UTF8.self), caret)
    }

    static let cases: [(String, HTTPParseError.Kind, Int)] = [
        ("G^@T / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod, 400),
        ("^ / HTTP/1.1\r\nHost: a\r\n\r\n", .invalidMethod, 400),
        ("GET /^\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n", .invalidTarget, 400),
        ("GET /a ^b HTTP/1.1\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        ("GET / ^http/1.1\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        ("GET / HTTP/1.^x\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        ("GET /^\r\nHost: a\r\n\r\n", .invalidVersion, 400),
        ("GET / HTTP/^2.0\r\nHost: a\r\n\r\n", .unsupportedVersion, 505),
        ("GET / HTTP/^0.9\r\nHost: a\r\n\r\n", .unsupportedVersion, 505),
        ("GET / HTTP/1.1\r\nHost: a\r\nX-Bad: a^\u{01}b\r\n\r\n", .invalidFieldValue, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX-Del: ^\u{7F}\r\n\r\n", .invalidFieldValue, 400),
        ("GET / HTTP/1.1\r\nHost^ : a\r\n\r\n", .invalidFieldName, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX^(y): b\r\n\r\n", .invalidFieldName, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\n^: novalue\r\n\r\n", .invalidFieldName, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nNoColon^\r\n\r\n", .invalidFieldName, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nX-Long: a\r\n^ folded\r\n\r\n", .obsoleteLineFolding, 400),
        ("GET / HTTP/1.1\r\n^ Host: a\r\n\r\n", .obsoleteLineFolding, 400),
        ("GET / HTTP/1.1\r\nHost: a^\rX: b\r\n\r\n", .bareCarriageReturn, 400),
        ("GET / HTTP/1.1^\r\r\nHost: a\r\n\r\n", .bareCarriageReturn, 400),
        ("GET / HTTP/1.1\r\n^\r\n", .missingHost, 400),
        ("GET / HTTP/1.1\r\nHost: a\r\n^Host: b\r\n\r\n", .duplicateHost, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Content-Length: 1x\r\n\r\n", .invalidContentLength, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Content-Length: -1\r\n\r\n", .invalidContentLength, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Content-Length:\r\n\r\n", .invalidContentLength, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Content-Length: 5,\r\n\r\n", .invalidContentLength, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Content-Length: 5, 6\r\n\r\n", .conflictingContentLength, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n^content-length: 6\r\n\r\n", .conflictingContentLength, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n^Transfer-Encoding: chunked\r\n\r\n", .transferEncodingWithContentLength, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n^Content-Length: 5\r\n\r\n", .transferEncodingWithContentLength, 400),
        ("POST / HTTP/1.0\r\n^Transfer-Encoding: chunked\r\n\r\n", .transferEncodingInHTTP10, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Transfer-Encoding: chunked, gzip\r\n\r\n", .chunkedNotFinal, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Transfer-Encoding: chunked, chunked\r\n\r\n", .chunkedNotFinal, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\n^Transfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferCoding, 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n^zz\r\n", .invalidChunkSize, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5^x\r\nhello\r\n0\r\n\r\n", .invalidChunkSize, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a=^\u{01}\r\n", .invalidChunkSize, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n800000000000000^0\r\n", .chunkSizeOverflow, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc^XY0\r\n\r\n", .invalidChunkTerminator, 400),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r^Y0\r\n\r\n", .invalidChunkTerminator, 400),
    ]

    @Test(arguments: cases)
    func protocolErrorIsRefusedWithStatusAndOffset(marked: String, kind: HTTPParseError.Kind, status: Int) {
        let (request, offset) = Self.marked(marked)
        let transcript = Transcripts.requests(request, limits: HTTPParserLimits(maxBodyBytes: Int.max))
        #expect(transcript.failure == HTTPParseError(kind, at: offset), "\(request.debugDescription)")
        #expect(transcript.failure?.status == status)
    }

    @Test func identicalContentLengthListCountsAsOne() {
        let transcript = Transcripts.requests("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc")
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.dropFirst().elementsEqual([.body(Array("abc".utf8)), .end(trailers: HTTPHeaders())]))
    }

    @Test func http10RequestWithoutHostIsAccepted() {
        #expect(Transcripts.requests("GET / HTTP/1.0\r\n\r\n").failure == nil)
    }
}
