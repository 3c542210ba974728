/// The shape of the PCM audio in a WAV file: 16-bit signed little-endian samples, one or two channels
/// (interleaved), any rate. What `WavParser` reads and `WavWriter` writes.
public struct WavFormat: Sendable, Equatable, CustomStringConvertible {
    /// RIFF WAVE: only 16-bit PCM is read or written here.
    public static let bitsPerSample = 16
    /// The channel counts supported (mono, stereo).
    public static let supportedChannelCounts = 1...2
    /// Sample rates accepted from a file; anything outside is a corrupt header.
    public static let plausibleSampleRates = 1...768_000

    /// Samples per second per channel.
    public var sampleRate: Int
    /// 1 (mono) or 2 (stereo, interleaved left/right).
    public var channelCount: Int

    public init(sampleRate: Int, channelCount: Int = 1) {
        self.sampleRate = sampleRate
        self.channelCount = channelCount
    }

    /// A mono format at one of the media path's rates.
    public init(_ rate: SampleRate) {
        self.init(sampleRate: rate.hertz, channelCount: 1)
    }

    /// Bytes per sample frame (one sample of every channel).
    public var blockAlign: Int { channelCount * WavFormat.bitsPerSample / 8 }

    public var description: String { "\(sampleRate) Hz, \(channelCount) ch, 16-bit PCM" }
}

/// A whole WAV file's audio: its format and every sample, channels interleaved.
public struct WavAudio: Sendable, Equatable {
    public var format: WavFormat
    /// Interleaved samples; `samples.count` is a multiple of `format.channelCount`.
    public var samples: [Int16]

    public init(format: WavFormat, samples: [Int16]) {
        self.format = format
        self.samples = samples
    }

    /// Parses a complete WAV file held in memory.
    public init<Bytes: Collection<UInt8>>(parsing bytes: Bytes, limits: WavParser.Limits = .init()) throws(WavError) {
        var parser = WavParser(limits: limits)
        var samples: [Int16] = []
        try parser.feed(bytes, into: &samples)
        try parser.finish()
        guard let format = parser.format else { throw WavError(.missingFormatChunk, at: 0) }
        self.init(format: format, samples: samples)
    }

    /// The file's bytes: a canonical 44-byte header and the samples.
    public func encoded() -> [UInt8] {
        WavWriter.encode(samples, format: format)
    }
}
