@testable import Net
import Testing

@Suite("HTTP response head parser")
struct HTTPResponseHeadParserTests {
    private func parse(_ lines: [String], limits: HTTPResponseHeadParser.Limits = .init()) throws -> HTTPClientResponseHead? {
        var parser = HTTPResponseHeadParser(limits: limits)
        for line in lines {
            if let head = try parser.consume(line: Array(line.utf8)) { return head }
        }
        return nil
    }

    @Test func http11HeadWithHeadersIsComplete() throws {
        let head = try parse(["HTTP/1.1 429 Too Many Requests\r\n", "Retry-After: 7\r\n", "content-type:  application/json \r\n", "\r\n"])
        #expect(head == HTTPClientResponseHead(version: .http1_1, status: 429, reason: "Too Many Requests",
                                               headers: ["Retry-After": "7", "content-type": "application/json"]))
        #expect(head?.retryAfter == .seconds(7))
        #expect(head?.headers["Content-Type"] == "application/json")
    }

    @Test func http2StatusLineAsCurlWritesIt() throws {
        let head = try parse(["HTTP/2 200 \r\n", "server: nghttpd\r\n", "\r\n"])
        #expect(head?.version == .http2 && head?.status == 200 && head?.reason == "")
    }

    @Test func interimContinueIsSkippedForTheFinalHead() throws {
        let head = try parse(["HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 201 Created\r\n", "Location: /x\r\n", "\r\n"])
        #expect(head?.status == 201 && head?.headers.count == 1)
    }

    @Test func foldedHeaderContinuesThePreviousValue() throws {
        let head = try parse(["HTTP/1.1 200 OK\r\n", "X-Long: one\r\n", "  two\r\n", "\r\n"])
        #expect(head?.headers["x-long"] == "one two")
    }

    @Test func linesWithOrWithoutLineEndsGiveTheSameHead() throws {
        let lines = ["HTTP/1.0 503 Service Unavailable", "Retry-After: 120", "A: b", ""]
        let crlf = try parse(lines.map { $0 + "\r\n" })
        let lf = try parse(lines.map { $0 + "\n" })
        let bare = try parse(lines)
        #expect(crlf == lf && lf == bare && bare?.retryAfter == .seconds(120))
    }

    @Test func retryAfterAsHTTPDateIsNotADelay() throws {
        let head = try parse(["HTTP/1.1 503 x\r\n", "Retry-After: Wed, 21 Oct 2015 07:28:00 GMT\r\n", "\r\n"])
        #expect(head?.retryAfter == nil)
    }

    @Test func malformedLinesFailWithTheirOffset() {
        #expect(throws: HTTPResponseHeadParser.Failure(reason: "malformed status line", offset: 0)) {
            try parse(["HTTP/1.1 2000 OK\r\n"])
        }
        #expect(throws: HTTPResponseHeadParser.Failure(reason: "malformed header line", offset: 17)) {
            try parse(["HTTP/1.1 200 OK\r\n", "no colon here\r\n"])
        }
        #expect(throws: HTTPResponseHeadParser.Failure(reason: "malformed header line", offset: 17)) {
            try parse(["HTTP/1.1 200 OK\r\n", "bad name: x\r\n"])
        }
        #expect(throws: HTTPResponseHeadParser.Failure(reason: "continuation line before any header", offset: 17)) {
            try parse(["HTTP/1.1 200 OK\r\n", " folded\r\n"])
        }
    }

    @Test func headLimitsAreEnforced() {
        let limits = HTTPResponseHeadParser.Limits(maxHeadBytes: 100, maxHeaderCount: 2)
        #expect(throws: HTTPResponseHeadParser.Failure(reason: "more than 2 headers", offset: 29)) {
            try parse(["HTTP/1.1 200 OK\r\n", "A: 1\r\n", "B: 2\r\n", "C: 3\r\n", "\r\n"], limits: limits)
        }
        #expect(throws: HTTPResponseHeadParser.Failure(reason: "head longer than 100 bytes", offset: 17)) {
            try parse(["HTTP/1.1 200 OK\r\n", "A: " + String(repeating: "x", count: 100) + "\r\n"], limits: limits)
        }
    }

    @Test func randomLinesNeverCrashAndNeverExceedTheLimits() {
        let limits = HTTPResponseHeadParser.Limits(maxHeadBytes: 2_000, maxHeaderCount: 8)
        for seed in UInt64(1)...500 {
            var parser = HTTPResponseHeadParser(limits: limits)
            var lines = [Array("HTTP/1.1 200 OK\r\n".utf8)]
            let noise = [UInt8].pattern(count: 600, seed: seed).map { $0 % 3 == 0 ? UInt8(ascii: ":") : $0 }
            lines += noise.pieces(of: Int(seed % 40) + 1)
            do {
                for line in lines {
                    if let head = try parser.consume(line: line) {
                        #expect(head.headers.count <= 8)
                        break
                    }
                }
            } catch {
                #expect(error.offset >= 0 && error.offset <= 2_000)
            }
        }
    }
}
