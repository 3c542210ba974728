import Testing
import Wire

@Suite struct HTTPSerializerTests {
    @Test func responseWithBodyIsExactBytesAndParsesBack() throws {
        let head = HTTPResponseHead(status: 200, headers: ["Content-Type": "application/json", "Content-Length": "999"])
        let bytes = try HTTPSerializer.response(head, body: Array("{}".utf8))
        #expect(String(decoding: bytes, as: UTF8.self)
            == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        let transcript = Transcripts.responses([bytes[...]])
        #expect(transcript.outputs.dropFirst().elementsEqual([.body(Array("{}".utf8)), .end(trailers: HTTPHeaders())]))
    }

    @Test func chunkedRequestWithTrailersRoundTripsThroughTheRequestParser() throws {
        var out: [UInt8] = []
        let head = HTTPRequestHead(method: "POST", target: "/v1/audio?x=1", headers: ["Host": "api.example", "Transfer-Encoding": "gzip"])
        try HTTPSerializer.appendRequestHead(head, framing: .chunked, to: &out)
        HTTPSerializer.appendChunk(Array(repeating: 0x41, count: 300), to: &out)
        HTTPSerializer.appendChunk([], to: &out)
        HTTPSerializer.appendChunk(Array("tail".utf8), to: &out)
        try HTTPSerializer.appendLastChunk(trailers: ["X-Sum": "42"], to: &out)
        #expect(String(decoding: out, as: UTF8.self).hasPrefix(
            "POST /v1/audio?x=1 HTTP/1.1\r\nHost: api.example\r\nTransfer-Encoding: chunked\r\n\r\n12c\r\nAAA"))
        let transcript = Transcripts.requests([out[...]])
        #expect(transcript.failure == nil)
        guard case .head(let parsed) = transcript.outputs.first else { Issue.record("\(transcript)"); return }
        #expect(parsed.headers.values(for: "transfer-encoding") == ["chunked"])
        #expect(transcript.outputs.dropFirst().elementsEqual([
            .body(Array(repeating: 0x41, count: 300) + Array("tail".utf8)), .end(trailers: ["X-Sum": "42"]),
        ]))
    }

    @Test func requestWithoutBodyGetsNoFramingField() throws {
        let bytes = try HTTPSerializer.request(HTTPRequestHead(method: "GET", target: "/", headers: ["Host": "h"]))
        #expect(String(decoding: bytes, as: UTF8.self) == "GET / HTTP/1.1\r\nHost: h\r\n\r\n")
    }

    @Test(arguments: [
        HTTPResponseHead(status: 200, headers: ["X-Evil": "a\r\nSet-Cookie: b"]),
        HTTPResponseHead(status: 200, headers: ["Bad Name": "v"]),
        HTTPResponseHead(status: 200, headers: ["": "v"]),
        HTTPResponseHead(status: 200, reason: "OK\r\nX: y"),
        HTTPResponseHead(status: 42),
    ])
    func refusesHeadsThatWouldSplitTheMessage(head: HTTPResponseHead) {
        #expect(throws: HTTPSerializationError.self) { try HTTPSerializer.response(head) }
    }

    @Test(arguments: [
        HTTPRequestHead(method: "GE T", target: "/"),
        HTTPRequestHead(method: "GET", target: "/a b"),
        HTTPRequestHead(method: "GET", target: ""),
        HTTPRequestHead(method: "GET", target: "/\r\nHost: x"),
    ])
    func refusesBadRequestLines(head: HTTPRequestHead) {
        #expect(throws: HTTPSerializationError.self) { try HTTPSerializer.request(head) }
    }
}
