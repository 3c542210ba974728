/// Detects in-band DTMF key presses in a mono stream and reports each press once, when it has lasted
/// long enough. Every 5 ms it looks at the last 25 ms (`DTMFToneAnalyzer`) and accepts the window as
/// key K when: the strongest row and column tones are K's; each is above the minimum level; their
/// level difference (twist) is within limits; each beats the other tones of its group by a margin;
/// together they carry most of the window's power (speech and music do not); and the window is steady
/// (no hop much quieter than the rest, so windows straddling a tone's start or end do not count).
///
/// A press is reported after `minimumWindows` consecutive accepted windows of the same key, and ends
/// after `releaseWindows` consecutive windows without it. With the defaults: tones of 40 ms or more are
/// reported, tones of 25 ms or less never are, gaps of 40 ms separate presses, and a dropout of 10 ms
/// inside a press does not report it twice (the Q.24 figures: accept 40 ms, reject < 23 ms, bridge
/// 10 ms interruptions; twist 8 dB normal / 4 dB reverse, as quoted in DSP course notes and vendor
/// manuals of Q.24 receivers). Not thread-safe; one per stream.
public struct DTMFDetector: Sendable {
    /// Acceptance rules.
    public struct Configuration: Sendable, Equatable {
        /// Each tone's peak level must reach this (dB re a full-scale sine). Default -31 dBFS: 3 dB
        /// below the -25 dBm0 Q.24 receivers must accept (a full-scale µ-law sine is +3.17 dBm0).
        public var minimumToneLevelDBFS: Float
        /// How much weaker the high tone may be than the low tone ("normal twist"). Default 8 dB.
        public var maximumNormalTwistDB: Float
        /// How much stronger the high tone may be than the low tone ("reverse twist"). Default 4 dB.
        public var maximumReverseTwistDB: Float
        /// Each chosen tone must beat every other tone of its group by this much. Default 10 dB.
        public var minimumRelativePeakDB: Float
        /// Share of the window's power the two tones must carry. Default 0.7 (about 5 dB
        /// signal-to-everything-else); speech and chords stay far below.
        public var minimumToneShare: Float
        /// Consecutive accepted windows to report a press. Default 3 (25 ms window + 2 hops).
        public var minimumWindows: Int
        /// Consecutive windows without the key that end a press. Default 8 (40 ms).
        public var releaseWindows: Int

        public init(minimumToneLevelDBFS: Float = -31, maximumNormalTwistDB: Float = 8, maximumReverseTwistDB: Float = 4,
                    minimumRelativePeakDB: Float = 10, minimumToneShare: Float = 0.7, minimumWindows: Int = 3,
                    releaseWindows: Int = 8) {
            self.minimumToneLevelDBFS = minimumToneLevelDBFS
            self.maximumNormalTwistDB = maximumNormalTwistDB
            self.maximumReverseTwistDB = maximumReverseTwistDB
            self.minimumRelativePeakDB = minimumRelativePeakDB
            self.minimumToneShare = minimumToneShare
            self.minimumWindows = max(1, minimumWindows)
            self.releaseWindows = max(1, releaseWindows)
        }
    }

    /// A window counts as steady when its quietest 5 ms hop has at least this share of the mean hop power.
    static let minimumSteadiness: Float = 0.5

    public let sampleRate: SampleRate
    public let configuration: Configuration
    private var analyzer: DTMFToneAnalyzer
    private var candidate: DTMFDigit?
    private var candidateWindows = 0
    private var candidateStart = 0
    private var pressed: DTMFDigit?
    private var windowsWithoutPressed = 0
    /// Samples processed so far.
    public private(set) var sampleCount = 0

    public init(sampleRate: SampleRate, configuration: Configuration = .init()) {
        self.sampleRate = sampleRate
        self.configuration = configuration
        analyzer = DTMFToneAnalyzer(sampleRate: sampleRate)
    }

    /// Processes `samples` (any length) and calls `report` for each press that reaches its minimum duration.
    public mutating func process(_ samples: UnsafeBufferPointer<Int16>, report: (DTMFDetection) -> Void) {
        for sample in samples {
            sampleCount += 1
            guard analyzer.add(sample) else { continue }
            if let detection = advance(with: classifyWindow()) { report(detection) }
        }
    }

    /// Processes one frame; see `process(_:report:)`.
    public mutating func process(_ frame: AudioFrame, report: (DTMFDetection) -> Void) {
        precondition(frame.sampleRate == sampleRate, "DTMF detector at \(sampleRate.hertz) Hz given a \(frame.sampleRate.hertz) Hz frame")
        frame.samples.withUnsafeBufferPointer { process($0, report: report) }
    }

    /// Forgets the stream.
    public mutating func reset() {
        self = DTMFDetector(sampleRate: sampleRate, configuration: configuration)
    }

    /// The key the latest window holds, if it passes every acceptance rule.
    func classifyWindow() -> DTMFDigit? {
        let amplitudes = analyzer.toneAmplitudes()  // inline storage: nothing allocated per window
        let row = (0..<4).max { amplitudes[$0] < amplitudes[$1] }!
        let column = (4..<8).max { amplitudes[$0] < amplitudes[$1] }!
        let low = amplitudes[row], high = amplitudes[column]
        let minimum = 32_767 * decibelsToRatio(configuration.minimumToneLevelDBFS)
        guard low >= minimum, high >= minimum else { return nil }
        guard high >= low * decibelsToRatio(-configuration.maximumNormalTwistDB),
              high <= low * decibelsToRatio(configuration.maximumReverseTwistDB) else { return nil }
        let margin = decibelsToRatio(configuration.minimumRelativePeakDB)
        for tone in 0..<8 where tone != row && tone != column {
            guard amplitudes[tone] * margin <= (tone < 4 ? low : high) else { return nil }
        }
        let tonePower = (low * low + high * high) / 2
        guard tonePower >= configuration.minimumToneShare * analyzer.windowPower else { return nil }
        guard analyzer.quietestHopRatio >= Self.minimumSteadiness else { return nil }
        return DTMFDigit.keypad[row][column - 4]
    }

    /// Press bookkeeping for one window's verdict; returns a press when one is confirmed.
    mutating func advance(with digit: DTMFDigit?) -> DTMFDetection? {
        if let current = pressed {
            windowsWithoutPressed = digit == current ? 0 : windowsWithoutPressed + 1
            if windowsWithoutPressed >= configuration.releaseWindows { pressed = nil }
        }
        guard let digit, digit != pressed else {
            candidate = nil
            candidateWindows = 0
            return nil
        }
        if digit == candidate {
            candidateWindows += 1
        } else {
            candidate = digit
            candidateWindows = 1
            candidateStart = sampleCount - analyzer.windowLength
        }
        guard candidateWindows >= configuration.minimumWindows else { return nil }
        pressed = digit
        windowsWithoutPressed = 0
        candidate = nil
        candidateWindows = 0
        return DTMFDetection(digit: digit, startSample: candidateStart, reportedAtSample: sampleCount)
    }

    private func decibelsToRatio(_ decibels: Float) -> Float {
        powf(10, decibels / 20)
    }
}

/// A confirmed DTMF key press.
public struct DTMFDetection: Sendable, Equatable, CustomStringConvertible {
    public let digit: DTMFDigit
    /// Sample index (from the detector's start) where the first accepted window began: the tone's
    /// start, to within one 5 ms hop.
    public let startSample: Int
    /// Sample index at which the press was confirmed and reported.
    public let reportedAtSample: Int

    public var description: String { "\(digit)@\(startSample)" }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
