/// Turns per-frame speech decisions into debounced speech-start and speech-end edges, with the frame
/// index where speech really started and ended. Feed it every 20 ms frame of one stream in order.
///
/// Definitions (frame indices count frames given to `process`, from 0):
/// - speech starts at frame `s` when frames `s ..< s + minimumSpeechFrames` are all speech and the
///   detector was idle; the `.speechStarted` edge is returned by the call for frame
///   `s + minimumSpeechFrames - 1` with `frameIndex == s`.
/// - speech ends at frame `e` (the first non-speech frame after the last speech frame) when frames
///   `e ..< e + hangoverFrames` are all non-speech; the `.speechEnded` edge is returned by the call for
///   frame `e + hangoverFrames - 1` (or `e` with no hangover) with `frameIndex == e`. A speech frame
///   during the hangover cancels it. So pauses shorter than the hangover stay inside one utterance,
///   and every end is reported `hangoverFrames` frames after it happened.
public struct VoiceActivityDetector<Classifier: SpeechFrameClassifier> {
    public private(set) var classifier: Classifier
    public let timing: VoiceActivityTiming
    /// True between a `.speechStarted` and the next `.speechEnded` edge.
    public private(set) var isSpeaking = false
    /// Frames processed so far (the index the next frame will get).
    public private(set) var frameCount = 0
    private var run = 0  // consecutive frames contradicting the current state

    public init(classifier: Classifier, timing: VoiceActivityTiming = .init()) {
        self.classifier = classifier
        self.timing = timing
    }

    /// Classifies the next frame and returns the edge it completes, if any.
    public mutating func process(_ frame: UnsafeBufferPointer<Int16>) -> VoiceActivityEdge? {
        let index = frameCount
        frameCount += 1
        let speech = classifier.isSpeech(frame)
        guard speech != isSpeaking else {
            run = 0
            return nil
        }
        run += 1
        if !isSpeaking, run >= timing.minimumSpeechFrames {
            isSpeaking = true
            run = 0
            return VoiceActivityEdge(kind: .speechStarted, frameIndex: index + 1 - timing.minimumSpeechFrames, detectedAtFrame: index)
        }
        if isSpeaking, run >= max(1, timing.hangoverFrames) {
            isSpeaking = false
            run = 0
            return VoiceActivityEdge(kind: .speechEnded, frameIndex: index + 1 - max(1, timing.hangoverFrames), detectedAtFrame: index)
        }
        return nil
    }

    /// Classifies the next frame and returns the edge it completes, if any.
    public mutating func process(_ frame: AudioFrame) -> VoiceActivityEdge? {
        frame.samples.withUnsafeBufferPointer { process($0) }
    }

    /// Starts over: idle, frame count 0, classifier reset.
    public mutating func reset() {
        classifier.reset()
        isSpeaking = false
        frameCount = 0
        run = 0
    }
}

extension VoiceActivityDetector where Classifier == EnergySpeechClassifier {
    /// An energy-threshold detector.
    public init(energy configuration: EnergySpeechClassifier.Configuration = .init(), timing: VoiceActivityTiming = .init()) {
        self.init(classifier: EnergySpeechClassifier(configuration: configuration), timing: timing)
    }
}

/// A speech boundary found by `VoiceActivityDetector`.
public struct VoiceActivityEdge: Sendable, Equatable, CustomStringConvertible {
    /// Which boundary: the start or the end of an utterance.
    public enum Kind: Sendable, Equatable {
        case speechStarted
        case speechEnded
    }

    public let kind: Kind
    /// Where the boundary is: the first speech frame (start) or the first frame after speech (end).
    public let frameIndex: Int
    /// The frame whose processing reported it (later than `frameIndex` by the debounce/hangover).
    public let detectedAtFrame: Int

    public init(kind: Kind, frameIndex: Int, detectedAtFrame: Int) {
        self.kind = kind
        self.frameIndex = frameIndex
        self.detectedAtFrame = detectedAtFrame
    }

    public var description: String { "\(kind)@\(frameIndex) (detected at \(detectedAtFrame))" }
}

/// How long speech must last to start an utterance and silence to end one.
public struct VoiceActivityTiming: Sendable, Equatable {
    /// Consecutive speech frames needed to start (at least 1).
    public var minimumSpeechFrames: Int
    /// Consecutive non-speech frames needed to end (0 ends at the first).
    public var hangoverFrames: Int

    /// Durations in milliseconds, rounded up to whole 20 ms frames. Defaults: 60 ms to start (a
    /// click or a cough is shorter), 300 ms to end (longer than the gaps between words).
    public init(minimumSpeechMilliseconds: Int = 60, hangoverMilliseconds: Int = 300) {
        let frame = AudioFrame.durationMilliseconds
        minimumSpeechFrames = max(1, (minimumSpeechMilliseconds + frame - 1) / frame)
        hangoverFrames = max(0, (hangoverMilliseconds + frame - 1) / frame)
    }
}
