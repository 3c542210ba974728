import COpus

/// Opus (RFC 6716) for voice through libopus: `Opus.Encoder` and `Opus.Decoder` each own one libopus
/// state for one direction of one stream. Frames are 20 ms of mono Int16 at 8, 16, 24 or 48 kHz.
public enum Opus {
    /// RFC 6716 §3.2.1: one frame is at most 1275 bytes, so a one-frame (20 ms) packet fits in 1276.
    public static let maximumPacketBytes = 1276
    /// RFC 6716 §2.1.4: a packet holds at most 120 ms of audio.
    public static let maximumPacketMilliseconds = 120

    /// Samples of the longest packet at `rate`: the decode buffer size that never overflows.
    public static func maximumPacketSamples(at rate: SampleRate) -> Int {
        rate.hertz * maximumPacketMilliseconds / 1000
    }

    /// Maps a negative libopus return code to `MediaError.library`.
    static func check(_ result: Int32, _ call: String) throws(MediaError) -> Int {
        guard result >= 0 else { throw MediaError.library("\(call): \(describe(result))", code: Int(result)) }
        return Int(result)
    }

    static func describe(_ code: Int32) -> String {
        guard let text = opus_strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
