import Foundation

/// A synthetic voiced signal with speech's gross structure: a 110–150 Hz fundamental with 5 Hz vibrato,
/// harmonics shaped by three formant resonances, and a 4 Hz syllabic amplitude envelope with short
/// pauses. Deterministic; used where real speech (espeak-ng) is not needed.
enum SpeechLike {
    static let formants: [(frequency: Double, bandwidth: Double)] = [(600, 120), (1_400, 160), (2_600, 220)]

    /// `syllables: false` gives a sustained vowel (no envelope).
    static func signal(rate: Int, seconds: Double, peak: Double = 12_000, syllables: Bool = true) -> [Int16] {
        let count = Int(Double(rate) * seconds)
        let topFrequency = min(Double(rate) / 2 * 0.9, 3_800)
        var phase = 0.0
        var raw = [Double](repeating: 0, count: count)
        var amplitudes: [Double] = []
        for index in 0..<count {
            let t = Double(index) / Double(rate)
            let f0 = 130 + 20 * sin(2 * .pi * 0.7 * t) + 4 * sin(2 * .pi * 5 * t)
            phase += 2 * .pi * f0 / Double(rate)
            if index % 64 == 0 {  // the formant weights change slowly: refresh them every 64 samples
                amplitudes = (1..<Int(topFrequency / f0)).map { amplitude(of: Double($0) * f0) }
            }
            var value = 0.0
            for (offset, weight) in amplitudes.enumerated() {
                value += weight * sin(Double(offset + 1) * phase)
            }
            // Syllables: 4 Hz raised sine envelope, floored at zero for ~30% of each cycle.
            raw[index] = syllables ? value * max(0, 0.3 + 0.7 * sin(2 * .pi * 4 * t)) : value
        }
        let maximum = raw.map(abs).max() ?? 1
        return raw.map { Int16(($0 * peak / maximum).rounded()) }
    }

    static func amplitude(of frequency: Double) -> Double {
        formants.reduce(0.05) { sum, formant in
            let detune = (frequency - formant.frequency) / formant.bandwidth
            return sum + 1 / (1 + detune * detune)
        } / (1 + frequency / 1_000)
    }
}
