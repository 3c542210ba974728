import Testing
import Wire

@Suite struct SSEParserTests {
    /// An OpenAI chat-completions stream as protocols.md §4.2 shows it (ids invented there).
    static let openAIStream = """
        data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1767000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}],"usage":null}

        data: {"id":"chatcmpl-9x","choices":[{"index":0,"delta":{"content":"It opens"},"finish_reason":null}]}

        : keep-alive

        data: {"id":"chatcmpl-9x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: [DONE]


        """

    @Test func openAIStreamYieldsOneMessageEventPerChunkAndSkipsComments() {
        let transcript = Transcripts.events(Self.openAIStream)
        #expect(transcript.failure == nil)
        #expect(transcript.outputs.count == 4)
        #expect(transcript.outputs.allSatisfy { $0.type == "message" && $0.id == "" })
        #expect(transcript.outputs[1].data == #"{"id":"chatcmpl-9x","choices":[{"index":0,"delta":{"content":"It opens"},"finish_reason":null}]}"#)
        #expect(transcript.outputs.last?.data == "[DONE]")
    }

    @Test func dataLinesJoinWithNewlineAndFieldsApply() {
        let stream = "event: add\nid: 7\ndata: first\ndata:second\ndata\ndata:  two spaces\n\n"
        #expect(Transcripts.events(stream).outputs == [SSEEvent(type: "add", data: "first\nsecond\n\n two spaces", id: "7")])
    }

    /// WHATWG's own examples: "data" with nothing else yields an empty-data event; a trailing line
    /// without a blank line after it is never dispatched.
    @Test func whatwgExamples() {
        #expect(Transcripts.events("data\n\ndata\ndata\n\ndata:").outputs == [SSEEvent(data: ""), SSEEvent(data: "\n")])
        #expect(Transcripts.events("data:test\n\ndata: test\n\n").outputs == [SSEEvent(data: "test"), SSEEvent(data: "test")])
    }

    @Test func crLfCrAndLfLineEndsAreAllRecognised() {
        let stream = "data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\rdata: e\n\n"
        #expect(Transcripts.events(stream).outputs == [SSEEvent(data: "a\nb\nc"), SSEEvent(data: "d"), SSEEvent(data: "e")])
    }

    @Test func leadingByteOrderMarkIsSkippedOnlyAtTheStart() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bytes = bom + Array("data: x\n\n".utf8) + bom + Array("data: y\n\n".utf8)
        let transcript = Transcripts.events([bytes[...]])
        #expect(transcript.outputs.map(\.data) == ["x"])  // the second BOM makes an unknown field name
        #expect(Transcripts.events([(bom + Array("data: z\n\n".utf8))[...]]).outputs == [SSEEvent(data: "z")])
    }

    @Test func lastEventIDPersistsAndIdWithNULIsIgnored() throws {
        var parser = SSEParser()
        parser.append(Array("id: 1\ndata: a\n\ndata: b\n\nid: 2\u{0}x\ndata: c\n\nid\ndata: d\n\nid: 9\n\n".utf8))
        var events: [SSEEvent] = []
        while let event = try parser.nextEvent() { events.append(event) }
        #expect(events.map(\.id) == ["1", "1", "1", ""])
        #expect(parser.lastEventID == "9")  // set by the blank line even without data
    }

    @Test func retryAcceptsOnlyDigitsAndEventTypeResetsAfterDispatch() throws {
        var parser = SSEParser()
        parser.append(Array("retry: 3000\n\nretry: 12a\n\nretry:\n\nevent: ping\n\ndata: x\n\n".utf8))
        var events: [SSEEvent] = []
        while let event = try parser.nextEvent() { events.append(event) }
        #expect(parser.retryMilliseconds == 3000)
        #expect(events == [SSEEvent(type: "message", data: "x")])  // "ping" had no data: dropped, then reset
    }

    @Test func invalidUTF8IsReplacedNotRefused() {
        let bytes = Array("data: caf".utf8) + [0xC3] + Array("\n\n".utf8)
        #expect(Transcripts.events([bytes[...]]).outputs == [SSEEvent(data: "caf\u{FFFD}")])
    }

    @Test func eventOverLimitFailsAtTheFirstByteOverIt() {
        // "data: 0123456789" is 16 bytes; two such lines are 32.
        let twoLines = "data: 0123456789\ndata: 0123456789\n\n"
        #expect(Transcripts.events(twoLines, maxEventBytes: 32).failure == nil)
        let failure = Transcripts.events(twoLines, maxEventBytes: 31).failure
        #expect(failure == SSEParseError(.eventTooLarge, at: 17 + 15))
        // A line that never ends is refused without buffering it.
        let endless = "data: " + String(repeating: "x", count: 100)
        #expect(Transcripts.events(endless, maxEventBytes: 50).failure == SSEParseError(.eventTooLarge, at: 50))
    }

    @Test func commentsDoNotCountTowardsTheEventLimit() {
        let keepAlives = String(repeating: ": keep-alive\n", count: 100) + "data: ok\n\n"
        #expect(Transcripts.events(keepAlives, maxEventBytes: 20).outputs == [SSEEvent(data: "ok")])
    }

    @Test func crAtTheEndOfOneReadAndLfAtTheStartOfTheNextAreOneLineEnd() throws {
        var parser = SSEParser()
        parser.append(Array("data: a\r".utf8))
        #expect(try parser.nextEvent() == nil)
        parser.append(Array("\n\r".utf8))
        #expect(try parser.nextEvent() == SSEEvent(data: "a"))
        parser.append(Array("\ndata: b\n\n".utf8))
        #expect(try parser.nextEvent() == SSEEvent(data: "b"))
    }
}
