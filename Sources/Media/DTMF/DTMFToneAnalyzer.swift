#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sliding-window DFT at the DTMF frequencies, for `DTMFDetector`. Each 5 ms hop runs one Goertzel
/// recurrence per probe frequency (all sixteen side by side in one SIMD vector); at the hop's end the
/// result is rotated to a phase reference that runs continuously through the stream, so the last five
/// hops add up coherently to the DFT of a 25 ms window (40 Hz resolution), re-evaluated every 5 ms.
///
/// Probes: the four row tones at their nominal frequency, and the four column tones at nominal and
/// ±1.5 % (Q.24's acceptance band is wider than half a bin for the high group; for the low group it
/// costs under 2 dB, so one probe suffices). A tone's amplitude is its strongest probe. Fixed-size
/// storage: nothing is allocated after `init`.
struct DTMFToneAnalyzer: Sendable {
    typealias Lanes = SIMD16<Float>

    /// Hop length: 5 ms.
    static let hopsPerSecond = 200
    /// Window: 5 hops = 25 ms, about the 205-sample block classic 8 kHz Goertzel detectors use.
    static let hopsPerWindow = 5
    /// Q.24: receivers must accept tones within ±1.5 % of nominal.
    static let columnProbes: [Double] = [1 - 0.015, 1, 1 + 0.015]
    /// Lane frequencies: rows 0...3, then columns × probes.
    static let frequencies: [Double] = DTMFDigit.rowFrequencies
        + DTMFDigit.columnFrequencies.flatMap { tone in columnProbes.map { tone * $0 } }

    let hopLength: Int
    private let coefficient: Lanes   // 2 cos ω
    private let cosine: Lanes        // cos ω
    private let sine: Lanes          // sin ω
    private let hopStepReal: Lanes   // e^{-jωL}
    private let hopStepImaginary: Lanes
    private var referenceReal: Lanes  // e^{-jω(g + L - 1)} for the hop starting at sample g
    private var referenceImaginary: Lanes
    private var s1 = Lanes(), s2 = Lanes()
    private var energy: Float = 0
    private var hopReal: [Lanes]      // ring of the last `hopsPerWindow` hop results
    private var hopImaginary: [Lanes]
    private var hopEnergy: [Float]
    private var samplesInHop = 0
    /// Hops completed since the start.
    private(set) var hopCount = 0

    init(sampleRate: SampleRate) {
        hopLength = sampleRate.hertz / Self.hopsPerSecond
        let omega = Self.frequencies.map { 2 * Double.pi * $0 / Double(sampleRate.hertz) }
        func lanes(_ transform: (Double) -> Double) -> Lanes {
            var result = Lanes()
            for lane in 0..<Lanes.scalarCount { result[lane] = Float(transform(omega[lane])) }
            return result
        }
        let length = Double(hopLength)
        coefficient = lanes { 2 * cos($0) }
        cosine = lanes { cos($0) }
        sine = lanes { sin($0) }
        hopStepReal = lanes { cos($0 * length) }
        hopStepImaginary = lanes { -sin($0 * length) }
        referenceReal = lanes { cos($0 * (length - 1)) }
        referenceImaginary = lanes { -sin($0 * (length - 1)) }
        hopReal = [Lanes](repeating: Lanes(), count: Self.hopsPerWindow)
        hopImaginary = [Lanes](repeating: Lanes(), count: Self.hopsPerWindow)
        hopEnergy = [Float](repeating: 0, count: Self.hopsPerWindow)
    }

    var windowLength: Int { hopLength * Self.hopsPerWindow }

    /// Adds one sample; returns true when it completed a hop and a full window is available.
    mutating func add(_ sample: Int16) -> Bool {
        let x = Float(sample)
        energy += x * x
        let s0 = Lanes(repeating: x) + coefficient * s1 - s2
        s2 = s1
        s1 = s0
        samplesInHop += 1
        guard samplesInHop == hopLength else { return false }
        finishHop()
        return hopCount >= Self.hopsPerWindow
    }

    private mutating func finishHop() {
        // Goertzel: y = s[L-1] - e^{-jω} s[L-2] = Σ x[n] e^{jω(L-1-n)}; times the reference it is
        // Σ x[n] e^{-jω(g+n)}, the hop's share of a DFT whose phase runs on through the stream.
        let yReal = s1 - cosine * s2, yImaginary = sine * s2
        let slot = hopCount % Self.hopsPerWindow
        hopReal[slot] = yReal * referenceReal - yImaginary * referenceImaginary
        hopImaginary[slot] = yReal * referenceImaginary + yImaginary * referenceReal
        hopEnergy[slot] = energy
        let nextReal = referenceReal * hopStepReal - referenceImaginary * hopStepImaginary
        let nextImaginary = referenceReal * hopStepImaginary + referenceImaginary * hopStepReal
        let magnitude = (nextReal * nextReal + nextImaginary * nextImaginary).squareRoot()
        referenceReal = nextReal / magnitude  // keep the reference on the unit circle
        referenceImaginary = nextImaginary / magnitude
        s1 = Lanes()
        s2 = Lanes()
        energy = 0
        samplesInHop = 0
        hopCount += 1
    }

    /// Peak amplitude of tone 0...7 (rows then columns) over the last window, in sample units.
    func toneAmplitudes() -> InlineArray<8, Float> {
        var real = Lanes(), imaginary = Lanes()
        for hop in 0..<Self.hopsPerWindow {
            real += hopReal[hop]
            imaginary += hopImaginary[hop]
        }
        let magnitude = (real * real + imaginary * imaginary).squareRoot() * (2 / Float(windowLength))
        var amplitudes = InlineArray<8, Float>(repeating: 0)
        for row in 0..<4 { amplitudes[row] = magnitude[row] }
        let probes = Self.columnProbes.count
        for column in 0..<4 {
            let first = 4 + column * probes
            amplitudes[4 + column] = max(magnitude[first], magnitude[first + 1], magnitude[first + 2])
        }
        return amplitudes
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
}
