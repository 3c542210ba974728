import Media

/// How audio bytes are encoded at a provider edge.
public enum AudioEncoding: String, Sendable, Hashable, CaseIterable {
    /// Signed 16-bit little-endian PCM ("L16", "linear16", "pcm_s16le").
    case linear16
    /// G.711 µ-law, one byte per sample.
    case mulaw
    /// G.711 A-law, one byte per sample.
    case alaw

    /// Bytes per mono sample.
    public var bytesPerSample: Int { self == .linear16 ? 2 : 1 }
}

/// The exact audio format of a stream at a provider edge: encoding plus sample rate, always mono.
/// Requests state the format they want; adapters must deliver exactly that format or fail with
/// `ProviderError.badRequest`, never silently deliver another.
public struct AudioFormat: Sendable, Hashable {
    public var encoding: AudioEncoding
    public var sampleRate: SampleRate

    public init(encoding: AudioEncoding, sampleRate: SampleRate) {
        self.encoding = encoding
        self.sampleRate = sampleRate
    }

    /// µ-law at 8 kHz: what Twilio plays without transcoding.
    public static let telephony = AudioFormat(encoding: .mulaw, sampleRate: .hz8000)

    /// Bytes that hold one second of audio in this format.
    public var bytesPerSecond: Int { encoding.bytesPerSample * sampleRate.hertz }

    /// Playback length of `byteCount` bytes in this format (a trailing partial sample is ignored).
    public func duration(ofByteCount byteCount: Int) -> Duration {
        let samples = byteCount / encoding.bytesPerSample
        return .microseconds(Int64(samples) * 1_000_000 / Int64(sampleRate.hertz))
    }
}

/// A piece of synthesized audio as a TTS adapter yields it: whole samples in `format`, in playback order.
public struct AudioChunk: Sendable, Hashable {
    public var format: AudioFormat
    /// Encoded samples; `bytes.count` is a multiple of `format.encoding.bytesPerSample`.
    public var bytes: [UInt8]

    public init(format: AudioFormat, bytes: [UInt8]) {
        self.format = format
        self.bytes = bytes
    }

    /// How long the chunk plays.
    public var duration: Duration { format.duration(ofByteCount: bytes.count) }
}
