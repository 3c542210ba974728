import Media
import Speech

/// Turns 20 ms PCM frames into the bytes a provider receives for a request's `AudioFormat`: µ-law or
/// A-law (one byte per sample, G.711), or little-endian 16-bit PCM. Pure.
struct AudioFrameEncoder: Sendable {
    let format: AudioFormat

    /// Bytes one 20 ms frame becomes.
    var bytesPerFrame: Int { format.sampleRate.samplesPerFrame * format.encoding.bytesPerSample }

    /// The byte that encodes silence (for padding).
    var silenceByte: UInt8 {
        switch format.encoding {
        case .mulaw: MuLaw.silenceCode
        case .alaw: ALaw.silenceCode
        case .linear16: 0
        }
    }

    func append(_ frame: AudioFrame, to bytes: inout [UInt8]) {
        switch format.encoding {
        case .mulaw:
            for sample in frame.samples { bytes.append(MuLaw.encode(sample)) }
        case .alaw:
            for sample in frame.samples { bytes.append(ALaw.encode(sample)) }
        case .linear16:
            for sample in frame.samples {
                let bits = UInt16(bitPattern: sample)
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            }
        }
    }
}

/// Whether a frame holds speech for the result deadlines: a level above `thresholdDBFS`. Silence and
/// line noise never arm a deadline, so a provider that (rightly) says nothing about them is not failed.
enum SpeechEnergy {
    /// Quiet speech on a phone line sits around -40 dBFS; idle line noise well below -50.
    static let thresholdDBFS: Float = -45

    static func isSpeech(_ frame: AudioFrame) -> Bool {
        AudioLevel.decibelsFullScale(frame.samples) > thresholdDBFS
    }
}
