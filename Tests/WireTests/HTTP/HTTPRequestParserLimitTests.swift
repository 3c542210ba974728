import Testing
import Wire

/// Each limit refuses one byte past it with the right status and offset, and accepts the limit itself.
@Suite struct HTTPRequestParserLimitTests {
    static func failure(_ request: String, _ limits: HTTPParserLimits) -> HTTPParseError? {
        Transcripts.requests(request, limits: limits).failure
    }

    @Test func requestLineLongerThanLimitIs414AtTheFirstByteOverIt() {
        let limits = HTTPParserLimits(maxStartLineBytes: 32)
        let atLimit = "GET /" + String(repeating: "x", count: 18) + " HTTP/1.1"  // 32 bytes
        #expect(atLimit.utf8.count == 32)
        #expect(Self.failure(atLimit + "\r\nHost: a\r\n\r\n", limits) == nil)
        let over = "GET /" + String(repeating: "x", count: 19) + " HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(Self.failure(over, limits) == HTTPParseError(.startLineTooLong, at: 32))
        #expect(Self.failure(over, limits)?.status == 414)
        // Refused before the line ends: a peer cannot make the parser buffer an endless line.
        let endless = "GET /" + String(repeating: "x", count: 100)
        #expect(Self.failure(endless, limits) == HTTPParseError(.startLineTooLong, at: 32))
    }

    @Test func targetLongerThanLimitIs414() {
        let limits = HTTPParserLimits(maxTargetBytes: 16)
        #expect(Self.failure("GET /" + String(repeating: "a", count: 15) + " HTTP/1.1\r\nHost: a\r\n\r\n", limits) == nil)
        let failure = Self.failure("GET /" + String(repeating: "a", count: 16) + " HTTP/1.1\r\nHost: a\r\n\r\n", limits)
        #expect(failure == HTTPParseError(.targetTooLong, at: 4 + 16))
        #expect(failure?.status == 414)
    }

    @Test func fieldLineLongerThanLimitIs431() {
        let limits = HTTPParserLimits(maxFieldLineBytes: 20)
        let prefix = "GET / HTTP/1.1\r\nHost: a\r\n"
        #expect(Self.failure(prefix + "X-A: " + String(repeating: "v", count: 15) + "\r\n\r\n", limits) == nil)
        let failure = Self.failure(prefix + "X-A: " + String(repeating: "v", count: 16) + "\r\n\r\n", limits)
        #expect(failure == HTTPParseError(.fieldLineTooLong, at: prefix.utf8.count + 20))
        #expect(failure?.status == 431)
    }

    @Test func headerSectionLargerThanLimitIs431() {
        let limits = HTTPParserLimits(maxHeaderBytes: 30)
        let start = "GET / HTTP/1.1\r\n"
        // "Host: a" (7) + "X-Fill: " + 15 = 23, total 30: allowed.
        #expect(Self.failure(start + "Host: a\r\nX-Fill: " + String(repeating: "f", count: 15) + "\r\n\r\n", limits) == nil)
        let request = start + "Host: a\r\nX-Fill: " + String(repeating: "f", count: 16) + "\r\n\r\n"
        let failure = Self.failure(request, limits)
        #expect(failure == HTTPParseError(.headerSectionTooLarge, at: start.utf8.count + 9 + 23))
        #expect(failure?.status == 431)
    }

    @Test func moreFieldsThanLimitIs431AtTheExtraField() {
        let limits = HTTPParserLimits(maxHeaderCount: 3)
        let three = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\n"
        #expect(Self.failure(three + "\r\n", limits) == nil)
        let failure = Self.failure(three + "C: 3\r\n\r\n", limits)
        #expect(failure == HTTPParseError(.tooManyFields, at: three.utf8.count))
        #expect(failure?.status == 431)
    }

    @Test func contentLengthOverBodyLimitIs413BeforeAnyBodyByteArrives() {
        let limits = HTTPParserLimits(maxBodyBytes: 10)
        let prefix = "POST / HTTP/1.1\r\nHost: a\r\n"
        #expect(Self.failure(prefix + "Content-Length: 10\r\n\r\n0123456789", limits) == nil)
        let failure = Self.failure(prefix + "Content-Length: 11\r\n\r\n", limits)
        #expect(failure == HTTPParseError(.bodyTooLarge, at: prefix.utf8.count))
        #expect(failure?.status == 413)
        // A length too large for any integer is the same refusal, not a crash.
        #expect(Self.failure(prefix + "Content-Length: 99999999999999999999999\r\n\r\n", limits)?.status == 413)
    }

    @Test func chunkedBodyOverLimitIs413AtTheChunkThatCrossesIt() {
        let limits = HTTPParserLimits(maxBodyBytes: 10)
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(Self.failure(head + "5\r\n01234\r\n5\r\n56789\r\n0\r\n\r\n", limits) == nil)
        let failure = Self.failure(head + "5\r\n01234\r\n6\r\n567890\r\n0\r\n\r\n", limits)
        #expect(failure == HTTPParseError(.bodyTooLarge, at: head.utf8.count + 10))
        #expect(failure?.status == 413)
    }

    @Test func chunkSizeLineLongerThanLimitIs400() {
        let limits = HTTPParserLimits(maxChunkLineBytes: 8)
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let failure = Self.failure(head + "1;ext=long-value\r\n", limits)
        #expect(failure == HTTPParseError(.chunkLineTooLong, at: head.utf8.count + 8))
        #expect(failure?.status == 400)
    }

    @Test func trailerSectionHasTheSameFieldLimits() {
        let limits = HTTPParserLimits(maxHeaderCount: 2)
        let body = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT1: a\r\nT2: b\r\n"
        #expect(Self.failure(body + "\r\n", limits) == nil)
        #expect(Self.failure(body + "T3: c\r\n\r\n", limits) == HTTPParseError(.tooManyFields, at: body.utf8.count))
    }

    @Test func bufferedBytesStayWithinLimitsWhileAHeadTrickles() throws {
        let limits = HTTPParserLimits(maxStartLineBytes: 64, maxFieldLineBytes: 64, maxHeaderBytes: 256)
        var parser = HTTPRequestParser(limits: limits)
        var peak = 0
        for byte in Array(("GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X-Pad: 0123456789\r\n", count: 50)).utf8) {
            parser.append([byte])
            do { _ = try parser.nextEvent() } catch { break }
            peak = max(peak, parser.bufferedByteCount)
        }
        #expect(peak <= 64 + 2)
    }
}
