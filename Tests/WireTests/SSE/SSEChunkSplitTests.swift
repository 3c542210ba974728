import SwitchboardTesting
import Testing
import Wire

/// Events (and limit errors) do not depend on how the stream is cut, CR LF pairs and BOM included.
@Suite struct SSEChunkSplitTests {
    static let corpus: [[UInt8]] = [
        Array(SSEParserTests.openAIStream.utf8),
        Array("data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\rdata: e\n\n".utf8),
        [0xEF, 0xBB, 0xBF] + Array("id: 1\r\nevent: x\r\ndata: y\r\n\r\n".utf8),
        [0xEF, 0xBB] + Array("data: no bom\n\n".utf8),
        Array("data: caf".utf8) + [0xC3, 0xA9] + Array("\r\n\r\nretry: 10\r\n\r\n".utf8),
        Array("data: 0123456789\ndata: 0123456789\n\n".utf8),
    ]

    @Test(arguments: corpus)
    func parserIgnoresChunking(stream: [UInt8]) {
        let report = ChunkSplitVerifier().verify(stream) { Transcripts.events($0) }
        #expect(report.passed, "\(report)")
        let limited = ChunkSplitVerifier().verify(stream) { Transcripts.events($0, maxEventBytes: 24) }
        #expect(limited.passed, "\(limited)")
    }

    @Test func randomInputNeverExceedsTheEventLimitAndIgnoresChunking() {
        let dictionary: [[UInt8]] = ["data: ", "data:", "event: ", "id: ", "retry: ", ": ", "\r\n", "\r", "\n", "\n\n", "\u{0}"]
            .map { Array($0.utf8) } + [[0xEF, 0xBB, 0xBF], [0xC3], [0xFF]]
        let maxEventBytes = 64
        RandomInputs.forEach(seed: 0x55E, corpus: Self.corpus, dictionary: dictionary) { round, input, chunks in
            let chunked = Transcripts.events(chunks, maxEventBytes: maxEventBytes)
            let whole = Transcripts.events([input[...]], maxEventBytes: maxEventBytes)
            #expect(chunked == whole, "round \(round): \(input.hex)")
            for event in whole.outputs {
                #expect(event.data.utf8.count + event.type.utf8.count <= maxEventBytes * 3, "round \(round)")
            }
            if let failure = whole.failure { #expect((0...input.count).contains(failure.offset), "round \(round)") }
        }
    }
}
