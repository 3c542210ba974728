import Testing
import Wire

@Suite struct HTTPResponseParserTests {
    @Test func pythonWebSocketServer101StopsParserAndHandsOverFrames() throws {
        var parser = HTTPResponseParser()
        parser.append(Fixtures.pythonServerHandshake + Fixtures.pythonServerFrames)
        guard case .head(let head) = try parser.nextEvent() else { Issue.record("no head"); return }
        #expect(head.status == 101)
        #expect(head.reason == "Switching Protocols")
        #expect(head.headers["sec-websocket-accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(try parser.nextEvent() == .end(trailers: HTTPHeaders()))
        #expect(try parser.nextEvent() == nil)
        #expect(parser.hasSwitchedProtocols)
        #expect(parser.takeUnparsedBytes() == Fixtures.pythonServerFrames)
    }

    /// An OpenAI-style streaming answer: chunked SSE body.
    @Test func chunkedEventStreamBodyIsDechunked() {
        let sse = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\ndata: [DONE]\n\n"
        let hexLength = String(sse.utf8.count, radix: 16)
        let response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\nx-request-id: req_1\r\n\r\n"
            + "\(hexLength)\r\n\(sse)\r\n0\r\n\r\n"
        let transcript = Transcripts.responses(response)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.dropFirst().elementsEqual([.body(Array(sse.utf8)), .end(trailers: HTTPHeaders())]))
    }

    @Test func interim100ContinuePrecedesFinalResponse() {
        let transcript = Transcripts.responses("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
        #expect(transcript.failure == nil)
        let statuses = transcript.outputs.compactMap { event -> Int? in if case .head(let head) = event { head.status } else { nil } }
        #expect(statuses == [100, 201])
        #expect(transcript.outputs.count == 5)
    }

    @Test(arguments: [("HEAD", 200), ("GET", 204), ("GET", 304)])
    func responsesThatCannotHaveABodyIgnoreContentLength(method: String, status: Int) {
        let transcript = Transcripts.responses("HTTP/1.1 \(status) X\r\nContent-Length: 42\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", method: method)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.count == 4)
    }

    @Test func bodyWithoutFramingRunsUntilInputEnds() {
        let transcript = Transcripts.responses("HTTP/1.0 200 OK\r\nServer: old\r\n\r\naudio-bytes", finish: true)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.dropFirst().elementsEqual([.body(Array("audio-bytes".utf8)), .end(trailers: HTTPHeaders())]))
        guard case .head(let head) = transcript.outputs.first else { return }
        #expect(!head.keepAlive)
    }

    @Test func obsoleteFoldingIsUnfoldedWithASpaceInResponses() {
        let transcript = Transcripts.responses("HTTP/1.1 204 No Content\r\nX-Folded: first\r\n  second\r\n\tthird\r\n\r\n")
        guard case .head(let head) = transcript.outputs.first else { Issue.record("\(transcript)"); return }
        #expect(head.headers["x-folded"] == "first second third")
    }

    @Test func foldingOntoAFramingFieldIsRefused() {
        let response = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n 6\r\n\r\nabcde"
        #expect(Transcripts.responses(response).failure == HTTPParseError(.obsoleteLineFolding, at: 36))
    }

    @Test func statusLineWithoutReasonIsAccepted() {
        let transcript = Transcripts.responses("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")
        guard case .head(let head) = transcript.outputs.first else { Issue.record("\(transcript)"); return }
        #expect(head.status == 200)
        #expect(head.reason == "")
    }

    @Test(arguments: [
        ("HTTP/1.1 20 OK\r\n\r\n", HTTPParseError.Kind.invalidStatusLine, 11),
        ("HTTP/1.1 099 Low\r\n\r\n", .invalidStatusLine, 9),
        ("HTTP/1.1 2x0 OK\r\n\r\n", .invalidStatusLine, 10),
        ("HTTP/1.1 200OK\r\n\r\n", .invalidStatusLine, 12),
        ("HTTP/2.0 200 OK\r\n\r\n", .unsupportedVersion, 5),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n", .transferEncodingWithContentLength, 36),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferCoding, 17),
    ])
    func malformedResponsesFail(response: String, kind: HTTPParseError.Kind, offset: Int) {
        #expect(Transcripts.responses(response).failure == HTTPParseError(kind, at: offset))
    }

    @Test func responseCutShortFailsAtEndOfInput() {
        let response = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"
        let transcript = Transcripts.responses(response, finish: true)
        #expect(transcript.failure == HTTPParseError(.truncatedMessage, at: response.utf8.count))
    }

    @Test func responseBodyLimitApplies() {
        var limits = HTTPParserLimits.client
        limits.maxBodyBytes = 4
        let transcript = Transcripts.responses([Array("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".utf8)[...]], limits: limits)
        #expect(transcript.failure == HTTPParseError(.bodyTooLarge, at: 17))
    }
}
