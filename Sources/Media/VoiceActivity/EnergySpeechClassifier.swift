/// Classifies a frame as speech when its level, after an 80 Hz high-pass that removes hum and
/// rumble, is above both an absolute threshold and a margin over the background noise floor. The floor is the quietest frame level of the last `noiseWindowFrames`
/// frames (a sliding minimum), so it follows steady noise (hum, hiss, a car) within that window and is
/// not pulled up by speech that pauses at least once per window. Pure, allocation-free per frame.
///
/// Limits: a frame is judged by its level alone, so a step up in background noise reads as speech for
/// up to one window; speech from the very first frame of a stream, with no pause for a whole window,
/// is taken as the floor.
public struct EnergySpeechClassifier: SpeechFrameClassifier, Sendable {
    /// Thresholds, in dB relative to full scale (see `AudioLevel`).
    public struct Configuration: Sendable, Equatable {
        /// Frames quieter than this are never speech. Default -45 dBFS: about 35 dB below a normal
        /// telephone talker (-10 to -20 dBFS), above the idle noise of a good line.
        public var absoluteThresholdDBFS: Float
        /// Frames must also be this much louder than the noise floor. Default 12 dB.
        public var marginAboveNoiseDB: Float
        /// Length of the noise-floor minimum window, in frames. Default 100 (2 s).
        public var noiseWindowFrames: Int
        /// Cut-off of the one-pole high-pass applied before measuring, in Hz; 0 turns it off. Default 80 Hz:
        /// below the lowest voice fundamentals, above mains hum, and well below the 300 Hz edge of the
        /// telephone band, so it only removes energy that would make the noise floor wander.
        public var highPassHertz: Float

        public init(absoluteThresholdDBFS: Float = -45, marginAboveNoiseDB: Float = 12, noiseWindowFrames: Int = 100,
                    highPassHertz: Float = 80) {
            self.absoluteThresholdDBFS = absoluteThresholdDBFS
            self.marginAboveNoiseDB = marginAboveNoiseDB
            self.noiseWindowFrames = max(1, noiseWindowFrames)
            self.highPassHertz = max(0, highPassHertz)
        }
    }

    public let configuration: Configuration
    /// Frame levels of the last `noiseWindowFrames` frames (ring buffer).
    private var recentLevels: [Float]
    private var nextSlot = 0
    private var filled = 0
    private var highPass = OnePoleHighPass()

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
        recentLevels = [Float](repeating: 0, count: configuration.noiseWindowFrames)
    }

    /// The current noise floor in dBFS (the quietest recent frame); `AudioLevel.floorDBFS` before any frame.
    public var noiseFloorDBFS: Float {
        filled == 0 ? AudioLevel.floorDBFS : recentLevels[0..<filled].min()!
    }

    /// The level a frame must exceed to count as speech right now.
    public var thresholdDBFS: Float {
        max(configuration.absoluteThresholdDBFS, noiseFloorDBFS + configuration.marginAboveNoiseDB)
    }

    public mutating func isSpeech(_ frame: UnsafeBufferPointer<Int16>) -> Bool {
        let level = configuration.highPassHertz > 0
            ? highPass.levelDBFS(frame, cutoffHertz: configuration.highPassHertz)
            : AudioLevel.decibelsFullScale(frame)
        recentLevels[nextSlot] = level
        nextSlot = (nextSlot + 1) % recentLevels.count
        filled = min(filled + 1, recentLevels.count)
        return level > thresholdDBFS
    }

    public mutating func reset() {
        highPass = OnePoleHighPass()
        nextSlot = 0
        filled = 0
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A DC-blocking one-pole high-pass (y[n] = x[n] − x[n−1] + R·y[n−1]) that measures the level of its
/// output; its state carries across frames.
struct OnePoleHighPass: Sendable {
    private var previousInput: Float = 0
    private var previousOutput: Float = 0
    private var pole: Float = 0
    private var poleFrameCount = 0

    /// Filters `frame` (20 ms, so its length gives the rate) and returns the output level in dBFS.
    mutating func levelDBFS(_ frame: UnsafeBufferPointer<Int16>, cutoffHertz: Float) -> Float {
        if frame.count != poleFrameCount {
            let rate = Float(frame.count * 1000 / AudioFrame.durationMilliseconds)
            pole = expf(-2 * Float.pi * cutoffHertz / rate)
            poleFrameCount = frame.count
        }
        var sum: Float = 0
        for sample in frame {
            let input = Float(sample)
            let output = input - previousInput + pole * previousOutput
            previousInput = input
            previousOutput = output
            sum += output * output
        }
        return AudioLevel.decibelsFullScale(meanSquare: frame.isEmpty ? 0 : sum / Float(frame.count))
    }
}
