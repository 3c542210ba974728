import SwitchboardTesting
import Testing
import Wire

/// Every HTTP input, valid or not, gives the same events and the same error (with the same offset)
/// however it is cut into reads.
@Suite struct HTTPChunkSplitTests {
    static let requestCorpus: [String] = [
        Fixtures.curlGet, Fixtures.curlPostJSON, Fixtures.curlChunkedUpload,
        Fixtures.curlGet + Fixtures.curlPostJSON + Fixtures.curlChunkedUpload,
        String(decoding: Fixtures.pythonClientHandshake + Fixtures.pythonClientFrames, as: UTF8.self),
        "POST /t HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;n=v\r\nhello\r\n0\r\nX-T: 1\r\n\r\nGET / HTTP/1.0\r\n\r\n",
        "\r\nGET /a HTTP/1.1\nHost: h\n\n",
    ] + HTTPRequestParserErrorTests.cases.map { HTTPRequestParserErrorTests.marked($0.0).0 }

    static let responseCorpus: [String] = [
        String(decoding: Fixtures.pythonServerHandshake + Fixtures.pythonServerFrames, as: UTF8.self),
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-F: a\r\n b\r\nContent-Length: 3\r\n\r\nxyzHTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.0 200 OK\r\n\r\nuntil close",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n",
    ]

    @Test(arguments: requestCorpus)
    func requestParserIgnoresChunking(request: String) {
        let limits = HTTPParserLimits(maxBodyBytes: 1 << 40)
        let report = ChunkSplitVerifier().verify(Array(request.utf8)) { Transcripts.requests($0, limits: limits, finish: true) }
        #expect(report.passed, "\(report)")
    }

    @Test(arguments: responseCorpus)
    func responseParserIgnoresChunking(response: String) {
        let report = ChunkSplitVerifier().verify(Array(response.utf8)) { Transcripts.responses($0, finish: true) }
        #expect(report.passed, "\(report)")
    }

    /// Limit errors are decided at a fixed byte, not at whatever read crossed the limit.
    @Test func limitErrorsIgnoreChunking() {
        let limits = HTTPParserLimits(maxStartLineBytes: 20, maxTargetBytes: 10, maxFieldLineBytes: 16,
                                      maxHeaderBytes: 40, maxHeaderCount: 3, maxBodyBytes: 8, maxChunkLineBytes: 6)
        let inputs = [
            "GET /0123456789abcdef HTTP/1.1\r\n", "GET /0123456789 HTTP/1.1\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nX-Long: 0123456789\r\n", "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\n",
            "GET / HTTP/1.1\r\nHost: 0123456789\r\nA: 0123456789\r\nB: 0123456789\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n01234\r\n4\r\n",
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1;abcdef\r\n",
        ]
        for input in inputs {
            let report = ChunkSplitVerifier().verify(Array(input.utf8)) { Transcripts.requests($0, limits: limits) }
            #expect(report.passed, "\(input.debugDescription): \(report)")
            #expect(Transcripts.requests(input, limits: limits).failure != nil, "\(input.debugDescription)")
        }
    }
}
