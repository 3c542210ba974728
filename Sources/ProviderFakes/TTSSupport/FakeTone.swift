import Foundation
import Media
import Speech

/// The deterministic audio every fake TTS server speaks: a 440 Hz tone lasting 10 ms per UTF-8 byte
/// of the text, in exactly the format asked for. Tests compute the expected length from the text.
public enum FakeTone {
    /// Tone length per byte of text.
    public static let millisecondsPerByte = 10
    public static let frequency = 440.0
    /// Peak amplitude (about −12 dBFS).
    public static let amplitude = 8000.0

    /// Samples of the tone for `text` at `rate`.
    public static func sampleCount(for text: String, rate: SampleRate) -> Int {
        text.utf8.count * millisecondsPerByte * rate.hertz / 1000
    }

    /// Linear samples of the tone for `text` at `rate`.
    public static func samples(for text: String, rate: SampleRate) -> [Int16] {
        let count = sampleCount(for: text, rate: rate)
        let step = 2 * Double.pi * frequency / Double(rate.hertz)
        return (0..<count).map { Int16((amplitude * sin(step * Double($0))).rounded()) }
    }

    /// The tone's bytes in `format`.
    public static func audio(for text: String, format: AudioFormat) -> [UInt8] {
        let samples = samples(for: text, rate: format.sampleRate)
        switch format.encoding {
        case .mulaw: return samples.map(MuLaw.encode)
        case .alaw: return samples.map(ALaw.encode)
        case .linear16:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(samples.count * 2)
            for sample in samples {
                let bits = UInt16(bitPattern: sample)
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            }
            return bytes
        }
    }
}
