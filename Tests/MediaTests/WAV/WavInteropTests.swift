import Foundation
import Testing
@testable import Media

/// Our WAV files against sox, the reference reader and writer on this machine.
@Suite(.enabled(if: ExternalTools.hasEspeakAndSox, "needs sox and espeak-ng (Scripts/bootstrap.sh)"))
struct WavInteropTests {
    @Test func soxReadsOurFilesWithTheSameRateChannelsAndLength() throws {
        let path = ExternalTools.temporaryPath(".wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let samples = Signals.sine(frequency: 440, amplitude: 8_000, rate: 48_000, count: 9_600)
        let stereo = zip(samples, samples.map { $0 / 2 }).flatMap { [$0, $1] }
        try Data(WavWriter.encode(stereo, format: WavFormat(sampleRate: 48_000, channelCount: 2))).write(to: URL(fileURLWithPath: path))
        func info(_ flag: String) throws -> String {
            String(decoding: try ExternalTools.run("sox", ["--i", flag, path]), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try info("-r") == "48000")
        #expect(try info("-c") == "2")
        #expect(try info("-s") == "9600")
        #expect(try info("-b") == "16")
    }

    @Test func weReadSoxSynthesizedFiles() throws {
        let path = ExternalTools.temporaryPath(".wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ExternalTools.run("sox", ["-n", "-r", "22050", "-c", "2", "-b", "16", path, "synth", "0.5", "sine", "500", "sine", "1200"])
        let audio = try WavAudio(parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(audio.format == WavFormat(sampleRate: 22_050, channelCount: 2))
        #expect(audio.samples.count == 2 * 11_025)
        let left = stride(from: 0, to: audio.samples.count, by: 2).map { audio.samples[$0] }
        let right = stride(from: 1, to: audio.samples.count, by: 2).map { audio.samples[$0] }
        #expect(abs(Signals.zeroCrossingFrequency(left[...], rate: 22_050) - 500) < 1)
        #expect(abs(Signals.zeroCrossingFrequency(right[...], rate: 22_050) - 1_200) < 2)
    }

    @Test func weReadEspeakOutput() throws {
        let path = ExternalTools.temporaryPath(".wav")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ExternalTools.run("espeak-ng", ["-w", path, "testing one two three"])
        let audio = try WavAudio(parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(audio.format == WavFormat(sampleRate: 22_050, channelCount: 1))
        #expect(audio.samples.count > 22_050 / 2)
        #expect(Signals.rms(audio.samples) > 500)
    }
}
