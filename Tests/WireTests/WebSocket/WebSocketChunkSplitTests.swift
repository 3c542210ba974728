import SwitchboardTesting
import Testing
import Wire

/// Frames and messages come out the same, errors at the same offsets, however the stream is cut.
@Suite struct WebSocketChunkSplitTests {
    typealias Case = ([UInt8], WebSocketRole)

    static let corpus: [Case] = [
        (Fixtures.pythonClientFrames, .server),
        (Fixtures.pythonServerFrames, .client),
        ([0x01, 0x03, 0x48, 0x65, 0x6C, 0x89, 0x01, 0x78, 0x80, 0x02, 0x6C, 0x6F], .client),
        (WebSocketMessageAssemblerTests.masked(.text, [0x41, 0xE2], fin: false) + WebSocketMessageAssemblerTests.masked(.continuation, [0x82, 0xAC]), .server),
        (WebSocketMessageAssemblerTests.masked(.text, [0x41, 0xE2], fin: false) + WebSocketMessageAssemblerTests.masked(.continuation, [0x28]), .server),
        (WebSocketMessageAssemblerTests.close(1005), .server),
        (WebSocketMessageAssemblerTests.close(1000, [0xFF]), .server),
        (WebSocketMessageAssemblerTests.masked(.continuation, [1, 2, 3]), .server),
    ] + WebSocketFrameDecoderTests.errorCases.map { ($0.0, $0.1) }

    @Test(arguments: 0..<corpus.count)
    func assemblerIgnoresChunking(index: Int) {
        let (bytes, role) = Self.corpus[index]
        let report = ChunkSplitVerifier(maxBytesForSplitPairs: 24).verify(bytes) { Transcripts.messages($0, role: role) }
        #expect(report.passed, "\(report)")
    }

    @Test(arguments: 0..<corpus.count)
    func frameDecoderIgnoresChunking(index: Int) {
        let (bytes, role) = Self.corpus[index]
        let report = ChunkSplitVerifier(maxBytesForSplitPairs: 24).verify(bytes) { Transcripts.frames($0, role: role) }
        #expect(report.passed, "\(report)")
    }

    @Test func messageLimitErrorIgnoresChunking() {
        let bytes = WebSocketMessageAssemblerTests.masked(.binary, [UInt8](repeating: 1, count: 6), fin: false)
            + WebSocketMessageAssemblerTests.masked(.continuation, [UInt8](repeating: 2, count: 5))
        let report = ChunkSplitVerifier().verify(bytes) { Transcripts.messages($0, role: .server, maxMessage: 10) }
        #expect(report.passed, "\(report)")
    }
}
