import Media
import ProviderFakes
@testable import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite struct EdgeAudioConverterTests {
    static let pcm24k = AudioFormat(encoding: .linear16, sampleRate: .hz24000)

    @Test func sameFormatPassesBytesThroughUnchanged() throws {
        let audio = FakeTone.audio(for: "passthrough check", format: .telephony)
        let converter = try EdgeAudioConverter(source: .telephony, target: .telephony)
        var out: [UInt8] = []
        var random = SeededRandom(seed: 7)
        var index = 0
        while index < audio.count {
            let size = Int.random(in: 1...333, using: &random)
            out += converter.convert(Array(audio[index..<min(audio.count, index + size)]))
            index += size
        }
        #expect(out == audio)
    }

    /// L16 split at every odd boundary comes out as whole samples, identical to the unsplit stream.
    @Test func oddChunkBoundariesNeverSplitASample() throws {
        let format = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
        let audio = FakeTone.audio(for: "odd", format: format)
        for split in stride(from: 1, to: 200, by: 2) {
            let converter = try EdgeAudioConverter(source: format, target: format)
            let first = converter.convert(Array(audio[..<split]))
            let second = converter.convert(Array(audio[split...]))
            #expect(first.count % 2 == 0 && second.count % 2 == 0)
            #expect(first + second == audio)
        }
    }

    /// 24 kHz L16 → 8 kHz µ-law: one third of the samples, same tone energy, whatever the chunking.
    @Test func downsamplesOpenAIPCMToTelephonyWithLengthAndEnergyKept() throws {
        let text = String(repeating: "energy ", count: 10)
        let input = FakeTone.audio(for: text, format: Self.pcm24k)
        let converter = try EdgeAudioConverter(source: Self.pcm24k, target: .telephony)
        var out: [UInt8] = []
        var index = 0
        while index < input.count {  // odd 1201-byte pieces: every other piece ends mid-sample
            out += converter.convert(Array(input[index..<min(input.count, index + 1201)]))
            index += 1201
        }
        let expected = FakeTone.sampleCount(for: text, rate: .hz8000)
        #expect(abs(out.count - expected) <= 2, "got \(out.count) samples, expected about \(expected)")
        let decoded = out.map(MuLaw.decode)
        let reference = FakeTone.samples(for: text, rate: .hz8000)
        let middle = decoded.count / 4..<(decoded.count * 3 / 4)
        let ratio = rms(decoded[middle]) / rms(reference[middle])
        #expect(ratio > 0.9 && ratio < 1.1, "RMS ratio \(ratio)")
    }

    @Test func encodesALawFromLinearAtTheSameRate() throws {
        let source = AudioFormat(encoding: .linear16, sampleRate: .hz8000)
        let target = AudioFormat(encoding: .alaw, sampleRate: .hz8000)
        let converter = try EdgeAudioConverter(source: source, target: target)
        let out = converter.convert(FakeTone.audio(for: "alaw", format: source))
        #expect(out == FakeTone.audio(for: "alaw", format: target))
    }
}

extension EdgeAudioConverterTests {
    /// Chunk-split check: the 24 kHz → 8 kHz µ-law conversion gives the same bytes whichever byte
    /// boundary the provider's stream is split at (the odd byte and the filter state carry over).
    @Test func conversionIsTheSameForEverySplitPoint() throws {
        let input = FakeTone.audio(for: "hi", format: Self.pcm24k)  // 20 ms: 960 bytes, 961 split points
        let whole = try EdgeAudioConverter(source: Self.pcm24k, target: .telephony).convert(input)
        for split in 0...input.count {
            let converter = try EdgeAudioConverter(source: Self.pcm24k, target: .telephony)
            let joined = converter.convert(Array(input[..<split])) + converter.convert(Array(input[split...]))
            #expect(joined == whole, "split at \(split)")
            if joined != whole { break }
        }
    }
}
