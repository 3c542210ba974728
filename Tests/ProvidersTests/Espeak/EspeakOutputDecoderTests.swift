import Speech
import Testing
@testable import Providers

@Suite struct EspeakOutputDecoderTests {
    /// A streaming WAV like espeak-ng's: 16-bit PCM at `rate`, `channels` interleaved, unknown sizes.
    private func wav(rate: UInt32, channels: UInt16, frames: Int) -> (bytes: [UInt8], firstChannel: [Int16]) {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        var bytes = Array("RIFF".utf8) + le32(0x7FFF_FFFF) + Array("WAVE".utf8)
        bytes += Array("fmt ".utf8) + le32(16) + le16(1) + le16(channels) + le32(rate)
            + le32(rate * 2 * UInt32(channels)) + le16(2 * channels) + le16(16)
        bytes += Array("data".utf8) + le32(0x7FFF_FFFF)
        var first: [Int16] = []
        for index in 0..<frames {
            let sample = Int16(truncatingIfNeeded: (index * 7919) % 20_000 - 10_000)
            first.append(sample)
            for channel in 0..<Int(channels) {
                bytes += le16(UInt16(bitPattern: channel == 0 ? sample : -sample))
            }
        }
        return (bytes, first)
    }

    private func decode(_ pieces: [[UInt8]], outputRate: Int, chunk: Int) throws -> [[Int16]] {
        var decoder = EspeakOutputDecoder(outputRate: outputRate, samplesPerChunk: chunk)
        var chunks: [[Int16]] = []
        for piece in pieces { chunks += try decoder.consume(piece) }
        return chunks + (try decoder.finish())
    }

    @Test(arguments: [(16_000, 16_000), (22_050, 8_000)])
    func sameSamplesWhereverTheStreamIsSplit(inputRate: Int, outputRate: Int) throws {
        let (bytes, firstChannel) = wav(rate: UInt32(inputRate), channels: 2, frames: 300)
        let whole = try decode([bytes], outputRate: outputRate, chunk: 64)
        if inputRate == outputRate { #expect(whole.flatMap { $0 } == firstChannel) }
        #expect(whole.dropLast().allSatisfy { $0.count == 64 })
        for split in 1..<bytes.count {
            let pieces = [Array(bytes[..<split]), Array(bytes[split...])]
            #expect(try decode(pieces, outputRate: outputRate, chunk: 64) == whole, "split at \(split)")
        }
    }

    @Test func outputThatIsNotWAVIsMalformed() {
        var decoder = EspeakOutputDecoder(outputRate: 8_000, samplesPerChunk: 80)
        #expect(throws: ProviderError.self) { try decoder.consume(Array("Error: no such voice\n".utf8)) }
    }

    @Test func endingBeforeTheHeaderIsMalformed() throws {
        var decoder = EspeakOutputDecoder(outputRate: 8_000, samplesPerChunk: 80)
        _ = try decoder.consume(Array("RIFF".utf8))
        #expect(throws: ProviderError.self) { try decoder.finish() }
    }
}
