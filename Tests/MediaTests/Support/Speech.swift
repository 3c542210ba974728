import Foundation
import Media

/// Real speech for the tests: sentences rendered by espeak-ng, converted by sox to a media-path rate,
/// read back through `WavAudio` (so the WAV reader is exercised on a real third-party file too).
enum Speech {
    /// Renders `text` at `rate`, mono 16-bit, trimmed of the leading and trailing silence espeak-ng adds.
    static func render(_ text: String, rate: SampleRate) throws -> [Int16] {
        let spoken = ExternalTools.temporaryPath(".wav"), converted = ExternalTools.temporaryPath(".wav")
        defer {
            try? FileManager.default.removeItem(atPath: spoken)
            try? FileManager.default.removeItem(atPath: converted)
        }
        try ExternalTools.run("espeak-ng", ["-v", "en-us", "-s", "160", "-w", spoken, text])
        try ExternalTools.run("sox", [spoken, "-r", "\(rate.hertz)", "-c", "1", "-b", "16", converted])
        let audio = try WavAudio(parsing: [UInt8](try Data(contentsOf: URL(fileURLWithPath: converted))))
        return trim(audio.samples)
    }

    /// Drops leading and trailing samples quieter than `threshold`.
    static func trim(_ samples: [Int16], threshold: Int16 = 64) -> [Int16] {
        guard let first = samples.firstIndex(where: { abs(Int($0)) > threshold }),
              let last = samples.lastIndex(where: { abs(Int($0)) > threshold }) else { return [] }
        return Array(samples[first...last])
    }
}
