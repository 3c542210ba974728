import Media
import Speech

/// Builds test audio the way a microphone would deliver it: speech with silence around it and a faint
/// noise floor (digital silence never happens on a real line), cut into 20 ms frames.
enum SpeechAudio {
    /// Noise amplitude: about −54 dBFS, a quiet room through a decent microphone.
    static let noiseAmplitude = 64

    /// `seconds` of the noise floor at `rate`.
    static func silence(seconds: Double, rate: SampleRate, seed: UInt64 = 1) -> [Int16] {
        var generator = SplitMix(seed: seed)
        return (0..<Int(seconds * Double(rate.hertz))).map { _ in
            Int16(Int(generator.next() % UInt64(2 * noiseAmplitude + 1)) - noiseAmplitude)
        }
    }

    /// `speech` with the noise floor added, and `before`/`after` seconds of it around.
    static func utterance(_ speech: [Int16], rate: SampleRate, before: Double = 0.5, after: Double = 1.0) -> [Int16] {
        let noise = silence(seconds: Double(speech.count) / Double(rate.hertz), rate: rate, seed: 7)
        let noisy = zip(speech, noise).map { Int16(clamping: Int($0) + Int($1)) }
        return silence(seconds: before, rate: rate, seed: 3) + noisy + silence(seconds: after, rate: rate, seed: 5)
    }

    /// The samples as 20 ms frames, the last one padded with the noise floor.
    static func frames(_ samples: [Int16], rate: SampleRate) -> [AudioFrame] {
        let size = rate.samplesPerFrame
        let padded = samples + silence(seconds: 0.02, rate: rate, seed: 9).prefix((size - samples.count % size) % size)
        return stride(from: 0, to: padded.count, by: size).map {
            AudioFrame(sampleRate: rate, samples: Array(padded[$0..<($0 + size)]))
        }
    }
}

/// A small deterministic random generator (SplitMix64) for reproducible test noise and fuzz inputs.
struct SplitMix: RandomNumberGenerator {
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
