/// Twenty milliseconds of mono signed 16-bit PCM at a known sample rate: the unit every media stage
/// (codecs, resampler, VAD, playout) consumes and produces. Value type; the owner of a call's media
/// path owns its frames.
public struct AudioFrame: Sendable, Equatable {
    /// Frame duration used everywhere in the media path (RTP ptime 20).
    public static let durationMilliseconds = 20

    /// Samples per second of `samples`.
    public let sampleRate: SampleRate
    /// Exactly `sampleRate.samplesPerFrame` samples.
    public var samples: [Int16]

    /// Creates a frame; `samples.count` must equal `sampleRate.samplesPerFrame`.
    public init(sampleRate: SampleRate, samples: [Int16]) {
        precondition(samples.count == sampleRate.samplesPerFrame,
                     "AudioFrame at \(sampleRate.hertz) Hz needs \(sampleRate.samplesPerFrame) samples, got \(samples.count)")
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// A frame of digital silence.
    public static func silence(_ rate: SampleRate) -> AudioFrame {
        AudioFrame(sampleRate: rate, samples: [Int16](repeating: 0, count: rate.samplesPerFrame))
    }
}

/// The sample rates Switchboard handles: 8 kHz is telephony; 16, 24 and 48 kHz appear at provider edges.
public enum SampleRate: Int, Sendable, CaseIterable, Comparable {
    case hz8000 = 8000
    case hz16000 = 16000
    case hz24000 = 24000
    case hz48000 = 48000

    /// Samples per second.
    public var hertz: Int { rawValue }
    /// Samples in one 20 ms frame at this rate.
    public var samplesPerFrame: Int { rawValue / 50 }

    public static func < (lhs: SampleRate, rhs: SampleRate) -> Bool { lhs.rawValue < rhs.rawValue }
}
