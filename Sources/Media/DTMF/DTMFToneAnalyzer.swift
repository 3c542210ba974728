#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sliding-window DFT at the eight DTMF frequencies, for `DTMFDetector`. Samples are accumulated in
/// 5 ms hops against a phasor that runs continuously, so the last five hops add up coherently to the
/// DFT of a 25 ms window (Goertzel-equivalent, 40 Hz resolution) re-evaluated every 5 ms. Each tone is
/// probed at its nominal frequency and ±1.5 % (the Q.24 acceptance band, which is wider than half a
/// bin for the high group) and reported as the strongest probe. Fixed-size storage: nothing is
/// allocated after `init`.
struct DTMFToneAnalyzer: Sendable {
    /// Hop length: 5 ms.
    static let hopsPerSecond = 200
    /// Window: 5 hops = 25 ms, about the 205-sample block classic 8 kHz Goertzel detectors use.
    static let hopsPerWindow = 5
    /// Q.24: receivers must accept tones within ±1.5 % of nominal.
    static let toleranceProbes: [Double] = [1 - 0.015, 1, 1 + 0.015]
    static let probeCount = 8 * toleranceProbes.count
    static let frequencies = (DTMFDigit.rowFrequencies + DTMFDigit.columnFrequencies).flatMap { tone in
        toleranceProbes.map { tone * $0 }
    }

    let hopLength: Int
    private let stepCos: [Float]
    private let stepSin: [Float]
    private var phaseCos: [Float]
    private var phaseSin: [Float]
    private var sumReal: [Float]
    private var sumImaginary: [Float]
    private var energy: Float = 0
    // Rings of the last `hopsPerWindow` hops: [hop * probeCount + probe] and [hop].
    private var hopReal: [Float]
    private var hopImaginary: [Float]
    private var hopEnergy: [Float]
    private var samplesInHop = 0
    /// Hops completed since the start.
    private(set) var hopCount = 0

    init(sampleRate: SampleRate) {
        let steps = Self.frequencies.map { 2 * Double.pi * $0 / Double(sampleRate.hertz) }
        self.init(hopLength: sampleRate.hertz / Self.hopsPerSecond,
                  stepCos: steps.map { Float(cos($0)) }, stepSin: steps.map { Float(sin($0)) })
    }

    var windowLength: Int { hopLength * Self.hopsPerWindow }

    /// Adds one sample; returns true when it completed a hop (and a full window is available).
    mutating func add(_ sample: Int16) -> Bool {
        let x = Float(sample)
        energy += x * x
        for probe in 0..<Self.probeCount {
            let c = phaseCos[probe], s = phaseSin[probe]
            sumReal[probe] += x * c
            sumImaginary[probe] -= x * s
            phaseCos[probe] = c * stepCos[probe] - s * stepSin[probe]
            phaseSin[probe] = c * stepSin[probe] + s * stepCos[probe]
        }
        samplesInHop += 1
        guard samplesInHop == hopLength else { return false }
        let slot = hopCount % Self.hopsPerWindow
        for probe in 0..<Self.probeCount {
            hopReal[slot * Self.probeCount + probe] = sumReal[probe]
            hopImaginary[slot * Self.probeCount + probe] = sumImaginary[probe]
            sumReal[probe] = 0
            sumImaginary[probe] = 0
            let magnitude = (phaseCos[probe] * phaseCos[probe] + phaseSin[probe] * phaseSin[probe]).squareRoot()
            phaseCos[probe] /= magnitude  // keep the rotating phasor on the unit circle
            phaseSin[probe] /= magnitude
        }
        hopEnergy[slot] = energy
        energy = 0
        samplesInHop = 0
        hopCount += 1
        return hopCount >= Self.hopsPerWindow
    }

    /// Peak amplitude of tone 0...7 (rows then columns) over the last window, in sample units: the
    /// strongest of its probes.
    func toneAmplitude(_ tone: Int) -> Float {
        var strongest: Float = 0
        for probe in (tone * Self.toleranceProbes.count)..<((tone + 1) * Self.toleranceProbes.count) {
            var real: Float = 0, imaginary: Float = 0
            for hop in 0..<Self.hopsPerWindow {
                real += hopReal[hop * Self.probeCount + probe]
                imaginary += hopImaginary[hop * Self.probeCount + probe]
            }
            strongest = max(strongest, (real * real + imaginary * imaginary).squareRoot())
        }
        return 2 * strongest / Float(windowLength)
    }

    /// Mean power (mean square) over the last window.
    var windowPower: Float {
        hopEnergy.reduce(0, +) / Float(windowLength)
    }

    /// Power of the quietest hop relative to the window's mean hop power (1 for a steady signal).
    var quietestHopRatio: Float {
        let total = hopEnergy.reduce(0, +)
        guard total > 0 else { return 0 }
        return hopEnergy.min()! * Float(Self.hopsPerWindow) / total
    }

    mutating func reset() {
        self = DTMFToneAnalyzer(hopLength: hopLength, stepCos: stepCos, stepSin: stepSin)
    }

    private init(hopLength: Int, stepCos: [Float], stepSin: [Float]) {
        self.hopLength = hopLength
        self.stepCos = stepCos
        self.stepSin = stepSin
        phaseCos = [Float](repeating: 1, count: Self.probeCount)
        phaseSin = [Float](repeating: 0, count: Self.probeCount)
        sumReal = [Float](repeating: 0, count: Self.probeCount)
        sumImaginary = [Float](repeating: 0, count: Self.probeCount)
        hopReal = [Float](repeating: 0, count: Self.probeCount * Self.hopsPerWindow)
        hopImaginary = [Float](repeating: 0, count: Self.probeCount * Self.hopsPerWindow)
        hopEnergy = [Float](repeating: 0, count: Self.hopsPerWindow)
    }
}
