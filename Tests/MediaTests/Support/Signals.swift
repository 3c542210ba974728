import Foundation
import Media

/// Deterministic test signals and measurements (sines, noise, Goertzel, zero crossings, RMS).
enum Signals {
    /// A sine of `frequency` Hz and peak `amplitude`, `count` samples at `rate`.
    static func sine(frequency: Double, amplitude: Double, rate: Int, count: Int, phase: Double = 0) -> [Int16] {
        (0..<count).map { Int16((amplitude * sin(2 * .pi * frequency * Double($0) / Double(rate) + phase)).rounded()) }
    }

    /// Gaussian-ish white noise (sum of uniforms) with RMS `rms`, from a seeded generator.
    static func whiteNoise(rms: Double, count: Int, seed: UInt64) -> [Int16] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in clip(gaussian(&generator) * rms) }
    }

    /// Pink (1/f) noise with RMS about `rms`: Paul Kellet's economy filter over white noise.
    static func pinkNoise(rms: Double, count: Int, seed: UInt64) -> [Int16] {
        var generator = SeededGenerator(seed: seed)
        var b0 = 0.0, b1 = 0.0, b2 = 0.0
        var raw = [Double]()
        raw.reserveCapacity(count)
        for _ in 0..<count {
            let white = gaussian(&generator)
            b0 = 0.99765 * b0 + white * 0.0990460
            b1 = 0.96300 * b1 + white * 0.2965164
            b2 = 0.57000 * b2 + white * 1.0526913
            raw.append(b0 + b1 + b2 + white * 0.1848)
        }
        let actual = (raw.reduce(0) { $0 + $1 * $1 } / Double(count)).squareRoot()
        return raw.map { clip($0 * rms / actual) }
    }

    static func gaussian(_ generator: inout SeededGenerator) -> Double {
        // Irwin–Hall from one 64-bit draw: four 16-bit uniforms summed have mean 2 and variance 1/3
        // (in units of 65536), close enough to Gaussian for noise, and cheap in debug builds.
        let bits = generator.next()
        var sum = 0.0
        for shift in stride(from: 0, to: 64, by: 16) { sum += Double((bits >> UInt64(shift)) & 0xFFFF) }
        return (sum / 65_536 - 2) * 3.0.squareRoot()
    }

    static func clip(_ value: Double) -> Int16 {
        Int16(max(-32768, min(32767, value.rounded())))
    }

    static func rms(_ samples: ArraySlice<Int16>) -> Double {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }

    static func rms(_ samples: [Int16]) -> Double { rms(samples[...]) }

    static func decibels(_ ratio: Double) -> Double { 20 * log10(ratio) }

    /// Power of `samples` at `frequency` (Goertzel), normalised so a sine of amplitude A gives A²/2.
    static func goertzelPower(_ samples: ArraySlice<Int16>, frequency: Double, rate: Int) -> Double {
        let coefficient = 2 * cos(2 * .pi * frequency / Double(rate))
        var s1 = 0.0, s2 = 0.0
        for sample in samples {
            let s0 = Double(sample) + coefficient * s1 - s2
            s2 = s1
            s1 = s0
        }
        let power = s1 * s1 + s2 * s2 - coefficient * s1 * s2
        let n = Double(samples.count)
        return 2 * power / (n * n)
    }

    /// Frequency from the spacing of upward zero crossings (linearly interpolated) across `samples`.
    static func zeroCrossingFrequency(_ samples: ArraySlice<Int16>, rate: Int) -> Double {
        var crossings: [Double] = []
        var previous = Double(samples.first ?? 0)
        for (offset, sample) in samples.dropFirst().enumerated() {
            let current = Double(sample)
            if previous < 0 && current >= 0 {
                crossings.append(Double(offset) + (-previous) / (current - previous))
            }
            previous = current
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 1 else { return 0 }
        return Double(rate) * Double(crossings.count - 1) / (last - first)
    }

    /// The lag in `lags` with the highest normalised autocorrelation: the pitch period of a voiced block.
    static func pitchPeriod(_ samples: ArraySlice<Int16>, lags: ClosedRange<Int>) -> Int {
        let x = samples.map(Double.init)
        func correlation(_ lag: Int) -> Double {
            var cross = 0.0, energyA = 0.0, energyB = 0.0
            for index in 0..<(x.count - lag) {
                cross += x[index] * x[index + lag]
                energyA += x[index] * x[index]
                energyB += x[index + lag] * x[index + lag]
            }
            return cross / max(1, (energyA * energyB).squareRoot())
        }
        return lags.max { correlation($0) < correlation($1) }!
    }

    /// Splits `samples` into 20 ms frames at `rate` (dropping a partial tail).
    static func frames(_ samples: [Int16], rate: SampleRate) -> [AudioFrame] {
        let size = rate.samplesPerFrame
        return stride(from: 0, to: samples.count - size + 1, by: size).map {
            AudioFrame(sampleRate: rate, samples: Array(samples[$0..<($0 + size)]))
        }
    }
}

/// SplitMix64: a small seeded generator so every "random" test input is reproducible.
struct SeededGenerator: RandomNumberGenerator {
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
