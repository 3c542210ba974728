#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Synthesizes in-band DTMF: the two Q.23 tones of a key, phase-continuous across calls, so a press
/// can be rendered frame by frame into the outbound audio. Also used by the tests.
public struct DTMFToneGenerator: Sendable {
    /// Default level of each tone: peak 10 dB below full scale (both tones together stay below clipping).
    public static let defaultToneLevelDBFS = -10.0

    public let sampleRate: SampleRate
    /// Peak amplitude of the low-group tone, in sample units.
    public let lowAmplitude: Double
    /// Peak amplitude of the high-group tone, in sample units.
    public let highAmplitude: Double
    private var lowPhase = 0.0
    private var highPhase = 0.0
    private var current: DTMFDigit?

    /// - Parameters:
    ///   - toneLevelDBFS: peak level of each tone relative to a full-scale sine.
    ///   - twistDB: high-group level minus low-group level (positive: "reverse twist").
    public init(sampleRate: SampleRate, toneLevelDBFS: Double = defaultToneLevelDBFS, twistDB: Double = 0) {
        self.sampleRate = sampleRate
        lowAmplitude = 32_767 * pow(10, toneLevelDBFS / 20)
        highAmplitude = lowAmplitude * pow(10, twistDB / 20)
    }

    /// Writes the tones of `digit` (or silence for nil) into `samples`, continuing the phase of the
    /// previous call when the digit is the same.
    public mutating func render(_ digit: DTMFDigit?, into samples: UnsafeMutableBufferPointer<Int16>) {
        if digit != current {
            lowPhase = 0
            highPhase = 0
            current = digit
        }
        guard let digit else {
            samples.update(repeating: 0)
            return
        }
        let rate = Double(sampleRate.hertz)
        let lowStep = 2 * Double.pi * digit.rowFrequency / rate
        let highStep = 2 * Double.pi * digit.columnFrequency / rate
        for index in samples.indices {
            let value = lowAmplitude * sin(lowPhase) + highAmplitude * sin(highPhase)
            samples[index] = Int16(max(-32_768, min(32_767, value.rounded())))
            lowPhase = (lowPhase + lowStep).truncatingRemainder(dividingBy: 2 * .pi)
            highPhase = (highPhase + highStep).truncatingRemainder(dividingBy: 2 * .pi)
        }
    }

    /// Renders one frame of `digit` (or silence) into `frame`, reusing its storage.
    public mutating func render(_ digit: DTMFDigit?, into frame: inout AudioFrame) {
        precondition(frame.sampleRate == sampleRate, "DTMF generator at \(sampleRate.hertz) Hz given a \(frame.sampleRate.hertz) Hz frame")
        frame.samples.withUnsafeMutableBufferPointer { render(digit, into: $0) }
    }

    /// A whole dialled sequence: each digit for `toneMilliseconds`, followed by `gapMilliseconds` of silence.
    public static func sequence(_ digits: [DTMFDigit], sampleRate: SampleRate, toneMilliseconds: Int = 100,
                                gapMilliseconds: Int = 100, toneLevelDBFS: Double = defaultToneLevelDBFS,
                                twistDB: Double = 0) -> [Int16] {
        var generator = DTMFToneGenerator(sampleRate: sampleRate, toneLevelDBFS: toneLevelDBFS, twistDB: twistDB)
        let tone = sampleRate.hertz * toneMilliseconds / 1000, gap = sampleRate.hertz * gapMilliseconds / 1000
        var samples = [Int16](repeating: 0, count: digits.count * (tone + gap))
        samples.withUnsafeMutableBufferPointer { all in
            for (index, digit) in digits.enumerated() {
                let start = index * (tone + gap)
                generator.render(digit, into: UnsafeMutableBufferPointer(rebasing: all[start..<(start + tone)]))
                generator.render(nil, into: UnsafeMutableBufferPointer(rebasing: all[(start + tone)..<(start + tone + gap)]))
            }
        }
        return samples
    }
}
