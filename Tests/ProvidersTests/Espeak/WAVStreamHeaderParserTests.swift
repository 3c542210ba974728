import Testing
@testable import Providers

@Suite struct WAVStreamHeaderParserTests {
    /// What espeak-ng --stdout writes first: RIFF with unknown (0x7FFFFFFF) sizes, fmt, data.
    static let espeakHeader: [UInt8] = [
        0x52, 0x49, 0x46, 0x46, 0x24, 0xF0, 0xFF, 0x7F, 0x57, 0x41, 0x56, 0x45, 0x66, 0x6D, 0x74, 0x20,
        0x10, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x22, 0x56, 0x00, 0x00, 0x44, 0xAC, 0x00, 0x00,
        0x02, 0x00, 0x10, 0x00, 0x64, 0x61, 0x74, 0x61, 0x00, 0xF0, 0xFF, 0x7F,
    ]
    static let expected = WAVStreamHeader(sampleRate: 22_050, channels: 1, dataOffset: 44)

    private func fmt(tag: UInt16 = 1, channels: UInt16 = 1, rate: UInt32 = 16_000, bits: UInt16 = 16) -> [UInt8] {
        Array("fmt ".utf8) + le32(16) + le16(tag) + le16(channels) + le32(rate) + le32(rate * 2) + le16(2) + le16(bits)
    }
    private func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
    private var riff: [UInt8] { Array("RIFF".utf8) + le32(0xFFFF_FFFF) + Array("WAVE".utf8) }

    @Test func readsEspeaksHeader() throws {
        #expect(try WAVStreamHeaderParser().parse(Self.espeakHeader + [1, 2, 3, 4]).get() == .header(Self.expected))
    }

    @Test func everyPrefixAsksForMoreAndAnyLongerInputGivesTheSameHeader() {
        // The chunk-split check for a prefix parser: fed the stream's first n bytes for every n, it must
        // say "need more" until the header is complete and then always the same header.
        let stream = Self.espeakHeader + (0..<64).map { UInt8($0) }
        for length in 0...stream.count {
            let outcome = try? WAVStreamHeaderParser().parse(stream.prefix(length)).get()
            #expect(outcome == (length < 44 ? .needMoreBytes : .header(Self.expected)), "prefix of \(length) bytes")
        }
    }

    @Test func skipsOtherChunksIncludingOddSizedOnes() throws {
        let list = Array("LIST".utf8) + le32(3) + [0x61, 0x62, 0x63, 0x00]  // padded to an even length
        let bytes = riff + list + fmt() + Array("data".utf8) + le32(0)
        #expect(try WAVStreamHeaderParser().parse(bytes).get()
                == .header(WAVStreamHeader(sampleRate: 16_000, channels: 1, dataOffset: bytes.count)))
    }

    @Test func refusesWhatIsNotSixteenBitPCMWithTheOffset() {
        let cases: [([UInt8], Int, String)] = [
            (Array("RIFX".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8), 0, "not a RIFF"),
            (riff + fmt(tag: 3) + Array("data".utf8) + le32(0), 20, "not integer PCM"),
            (riff + fmt(bits: 8) + Array("data".utf8) + le32(0), 34, "8-bit"),
            (riff + fmt(rate: 1) + Array("data".utf8) + le32(0), 24, "implausible"),
            (riff + Array("data".utf8) + le32(0), 12, "before the \"fmt \""),
            (riff + Array("junk".utf8) + le32(1_000_000), 12, "longer than"),
        ]
        for (bytes, offset, text) in cases {
            guard case .failure(let failure) = WAVStreamHeaderParser().parse(bytes) else {
                Issue.record("accepted: \(text)")
                continue
            }
            #expect(failure.offset == offset && failure.message.contains(text), "\(failure)")
        }
    }

    @Test func headerWithoutDataWithinTheLimitIsRefused() {
        let filler = Array("pad ".utf8) + le32(100) + [UInt8](repeating: 0, count: 100)
        let bytes = riff + fmt() + Array(repeating: filler, count: 10).flatMap { $0 }
        guard case .failure(let failure) = WAVStreamHeaderParser(maximumHeaderBytes: 512).parse(bytes) else {
            Issue.record("a header past the limit was accepted")
            return
        }
        #expect(failure.message.contains("512"))
    }

    @Test func randomBytesNeverTrap() {
        var generator = SplitMix(seed: 42)
        let parser = WAVStreamHeaderParser(maximumHeaderBytes: 256)
        for round in 0..<3_000 {
            let length = Int(generator.next() % 300)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { bytes = Self.espeakHeader.prefix(Int(generator.next() % 44)) + bytes }
            _ = parser.parse(bytes)
        }
    }
}
