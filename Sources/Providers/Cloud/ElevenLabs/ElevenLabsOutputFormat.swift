import Speech

/// ElevenLabs' `output_format` values for raw audio (protocols.md §5.2): `ulaw_8000`, `alaw_8000`,
/// `pcm_<rate>`. Picks the one that is exactly the caller's format, or else the PCM one at the caller's
/// rate (µ-law or A-law at 16 kHz and above is then encoded here).
enum ElevenLabsOutputFormat {
    /// The format ElevenLabs is asked for, and its `output_format` name.
    static func choose(for format: AudioFormat) -> (name: String, format: AudioFormat) {
        switch (format.encoding, format.sampleRate) {
        case (.mulaw, .hz8000): ("ulaw_8000", format)
        case (.alaw, .hz8000): ("alaw_8000", format)
        default: ("pcm_\(format.sampleRate.hertz)", AudioFormat(encoding: .linear16, sampleRate: format.sampleRate))
        }
    }
}
