import Foundation
import Media
import Wire

/// The caller's audio for one cycle, as base64 µ-law payloads of 20 ms (160 bytes at 8 kHz), made once
/// and shared by every call: a noise floor (about −54 dBFS, what a quiet line sounds like) and a
/// speech-like voiced signal (120–160 Hz harmonics under a 4 Hz syllable envelope, peaks about −14 dBFS)
/// that the server's VAD hears as speech. The Deepgram fake does not listen: it finalizes by byte count.
struct CallerAudio: Sendable {
    /// RFC 3551: 20 ms telephony frames, 160 samples at 8 kHz.
    static let samplesPerFrame = 160
    static let sampleRate = 8000.0
    /// Frames per second of audio.
    static let framesPerSecond = 50

    let payloads: [String]
    let speechFrames: Range<Int>
    var framesPerCycle: Int { payloads.count }

    init(cycle: Double, speechStart: Double, speech: Double) {
        let total = Int((cycle * Double(Self.framesPerSecond)).rounded())
        let first = Int((speechStart * Double(Self.framesPerSecond)).rounded())
        let count = Int((speech * Double(Self.framesPerSecond)).rounded())
        speechFrames = first..<min(total, first + count)
        var random = SplitMix(seed: 7)
        var phase = 0.0
        var payloads: [String] = []
        payloads.reserveCapacity(total)
        for frame in 0..<total {
            var codes = [UInt8](repeating: 0, count: Self.samplesPerFrame)
            for index in 0..<Self.samplesPerFrame {
                let t = Double((frame - first) * Self.samplesPerFrame + index) / Self.sampleRate
                var sample = Double(Int(random.next() % 129) - 64)
                if speechFrames.contains(frame) {
                    let pitch = 140 + 20 * sin(2 * Double.pi * 0.7 * t)
                    phase += 2 * Double.pi * pitch / Self.sampleRate
                    let envelope = 0.7 + 0.3 * sin(2 * Double.pi * 4 * t)
                    let voiced = sin(phase) + 0.6 * sin(2 * phase) + 0.4 * sin(3 * phase) + 0.25 * sin(5 * phase)
                    sample += 2600 * envelope * voiced
                }
                codes[index] = MuLaw.encode(Int16(max(-32768, min(32767, sample))))
            }
            payloads.append(Base64.encode(codes))
        }
        self.payloads = payloads
    }
}

/// A small deterministic generator (SplitMix64) for the noise floor.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
