import Testing
import Wire

@Suite struct HTTPRequestParserTests {
    @Test func curlGetGivesHeadWithOrderedHeadersAndNoBody() throws {
        let transcript = Transcripts.requests(Fixtures.curlGet)
        #expect(transcript.failure == nil)
        guard transcript.outputs.count == 2, case .head(let head) = transcript.outputs[0] else {
            Issue.record("unexpected \(transcript)"); return
        }
        #expect(transcript.outputs[1] == .end(trailers: HTTPHeaders()))
        #expect(head.method == "GET")
        #expect(head.target == "/v1/health?probe=1")
        #expect(head.path == "/v1/health")
        #expect(head.query == "probe=1")
        #expect(head.version == .http1_1)
        #expect(head.headers.fields.map(\.name) == ["Host", "User-Agent", "Accept"])
        #expect(head.headers["user-agent"] == "curl/7.88.1")
        #expect(head.keepAlive)
    }

    @Test func curlPostStreamsContentLengthBody() {
        let transcript = Transcripts.requests(Fixtures.curlPostJSON)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.count == 3)
        #expect(transcript.outputs[1] == .body(Array(#"{"model":"gpt-4o-mini","stream":true}"#.utf8)))
        #expect(transcript.outputs[2] == .end(trailers: HTTPHeaders()))
    }

    @Test func curlChunkedUploadIsDechunked() {
        let transcript = Transcripts.requests(Fixtures.curlChunkedUpload)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.dropFirst().elementsEqual([.body(Array("hello chunked world\n".utf8)), .end(trailers: HTTPHeaders())]))
    }

    @Test func chunkExtensionsAreSkippedAndTrailersReturned() {
        let request = "POST /t HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value;flag\r\nhello\r\n6 ; ext=\"quoted\"\r\n world\r\n0\r\nX-Checksum: abc\r\nX-Other:  two \r\n\r\n"
        let transcript = Transcripts.requests(request)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.dropFirst().elementsEqual([
            .body(Array("hello world".utf8)),
            .end(trailers: ["X-Checksum": "abc", "X-Other": "two"]),
        ]))
    }

    @Test func pipelinedRequestsInOneBufferComeOutInOrder() {
        let transcript = Transcripts.requests(Fixtures.curlGet + Fixtures.curlPostJSON + Fixtures.curlChunkedUpload)
        #expect(transcript.failure == nil)
        let targets = transcript.outputs.compactMap { event -> String? in
            if case .head(let head) = event { head.target } else { nil }
        }
        #expect(targets == ["/v1/health?probe=1", "/v1/chat/completions", "/upload"])
        #expect(transcript.outputs.filter { if case .end = $0 { true } else { false } }.count == 3)
    }

    @Test func repeatedHeadersAreKeptInOrderAndLookupIgnoresCase() throws {
        let transcript = Transcripts.requests("GET / HTTP/1.1\r\nHost: a\r\nX-Tag: one\r\nx-tag: two\r\nAccept: */*\r\nX-TAG: three\r\n\r\n")
        guard case .head(let head) = transcript.outputs.first else { Issue.record("\(transcript)"); return }
        #expect(head.headers.values(for: "X-Tag") == ["one", "two", "three"])
        #expect(head.headers["X-TAG"] == "one")
        #expect(head.headers.fields.map(\.name) == ["Host", "X-Tag", "x-tag", "Accept", "X-TAG"])
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Close\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
    ])
    func keepAliveFollowsVersionAndConnectionHeader(request: String, keepAlive: Bool) {
        guard case .head(let head) = Transcripts.requests(request).outputs.first else { Issue.record("no head"); return }
        #expect(head.keepAlive == keepAlive)
    }

    @Test func bareLineFeedsAndLeadingEmptyLinesAreTolerated() {
        let transcript = Transcripts.requests("\r\n\nGET /a HTTP/1.1\nHost: h\n\n")
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.count == 2)
    }

    @Test func fieldValuesAreTrimmedAndMayBeEmptyOrCarryObsText() {
        let transcript = Transcripts.requests([Array("GET / HTTP/1.1\r\nHost: h\r\nX-Empty:\r\nX-Pad: \t v a l \t\r\nX-Latin: caf\u{E9}\r\n\r\n".utf8)[...]])
        guard case .head(let head) = transcript.outputs.first else { Issue.record("\(transcript)"); return }
        #expect(head.headers["x-empty"] == "")
        #expect(head.headers["x-pad"] == "v a l")
        #expect(head.headers["x-latin"] == "caf\u{E9}")
    }

    @Test func upgradeRequestPausesParserAndHandsOverFollowingBytes() throws {
        var parser = HTTPRequestParser()
        parser.append(Fixtures.pythonClientHandshake + Fixtures.pythonClientFrames)
        guard case .head(let head) = try parser.nextEvent() else { Issue.record("no head"); return }
        #expect(head.isUpgradeRequest)
        #expect(try parser.nextEvent() == .end(trailers: HTTPHeaders()))
        #expect(try parser.nextEvent() == nil)
        #expect(parser.isPausedForUpgrade)
        #expect(parser.takeUnparsedBytes() == Fixtures.pythonClientFrames)
    }

    @Test func declinedUpgradeResumesHTTPParsing() throws {
        var parser = HTTPRequestParser()
        parser.append(Array(("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: h2c\r\nConnection: Upgrade\r\n\r\n" + Fixtures.curlGet).utf8))
        _ = try parser.nextEvent(); _ = try parser.nextEvent()
        #expect(try parser.nextEvent() == nil)
        parser.resumeAfterDeclinedUpgrade()
        guard case .head(let head) = try parser.nextEvent() else { Issue.record("no second head"); return }
        #expect(head.target == "/v1/health?probe=1")
    }

    @Test func endOfInputBetweenRequestsIsCleanButMidRequestIsTruncated() throws {
        var parser = HTTPRequestParser()
        parser.append(Array(Fixtures.curlGet.utf8))
        parser.finishInput()
        _ = try parser.nextEvent(); _ = try parser.nextEvent()
        #expect(try parser.nextEvent() == nil)

        let cut = Array(Fixtures.curlPostJSON.utf8).dropLast(5)
        let transcript = Transcripts.requests([cut], finish: true)
        #expect(transcript.failure?.kind == .truncatedMessage)
        #expect(transcript.failure?.offset == cut.count)
        #expect(transcript.failure?.status == 400)
    }

    @Test func parserKeepsThrowingTheSameErrorAfterFailing() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/3.0\r\n\r\n".utf8))
        #expect(throws: HTTPParseError(.unsupportedVersion, at: 11)) { try parser.nextEvent() }
        parser.append(Array(Fixtures.curlGet.utf8))
        #expect(throws: HTTPParseError(.unsupportedVersion, at: 11)) { try parser.nextEvent() }
    }

    @Test func bodyBytesArriveAsTheyComeWithoutWaitingForTheWholeBody() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc".utf8))
        _ = try parser.nextEvent()
        #expect(try parser.nextEvent() == .body(Array("abc".utf8)))
        #expect(try parser.nextEvent() == nil)
        #expect(parser.bufferedByteCount == 0)
        parser.append(Array("defghijGET".utf8))
        #expect(try parser.nextEvent() == .body(Array("defghij".utf8)))
        #expect(try parser.nextEvent() == .end(trailers: HTTPHeaders()))
        #expect(try parser.nextEvent() == nil)
        #expect(parser.bufferedByteCount == 3)
    }
}
