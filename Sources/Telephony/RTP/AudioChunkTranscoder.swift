import Media
import Speech

/// Converts agent audio chunks (any `AudioFormat` the session produces) to the G.711 bytes of an RTP
/// stream's codec: µ-law and A-law are mapped code by code, linear PCM is encoded, and linear PCM at
/// another rate is resampled to 8 kHz first (one resampler per input rate, kept for the stream's
/// life so its filter history stays continuous). Runs once per chunk, not per frame.
struct AudioChunkTranscoder {
    var codec: RTPAudioCodec
    private var resamplers: [SampleRate: Resampler] = [:]
    /// Chunks dropped because their format cannot be carried (G.711 codes at a rate other than 8 kHz).
    private(set) var rejectedChunks = 0

    init(codec: RTPAudioCodec) { self.codec = codec }

    /// `chunk` in the wire codec, or nil if it cannot be converted.
    mutating func wireBytes(for chunk: AudioChunk) -> [UInt8]? {
        switch (chunk.format.encoding, chunk.format.sampleRate) {
        case (.mulaw, .hz8000):
            return codec == .pcmu ? chunk.bytes : chunk.bytes.map { ALaw.encode(MuLaw.decode($0)) }
        case (.alaw, .hz8000):
            return codec == .pcma ? chunk.bytes : chunk.bytes.map { MuLaw.encode(ALaw.decode($0)) }
        case (.linear16, let rate):
            var samples = [Int16](repeating: 0, count: chunk.bytes.count / 2)
            for index in samples.indices {
                samples[index] = Int16(bitPattern: UInt16(chunk.bytes[2 * index]) | UInt16(chunk.bytes[2 * index + 1]) << 8)
            }
            if rate != .hz8000 {
                guard let resampled = resample(samples, from: rate) else { rejectedChunks += 1; return nil }
                samples = resampled
            }
            return encode(samples)
        default:
            rejectedChunks += 1
            return nil
        }
    }

    private mutating func resample(_ samples: [Int16], from rate: SampleRate) -> [Int16]? {
        if resamplers[rate] == nil { resamplers[rate] = try? Resampler(from: rate, to: .hz8000) }
        guard let resampler = resamplers[rate] else { return nil }
        var output = [Int16](repeating: 0, count: resampler.outputCount(forInputCount: samples.count) + 16)
        let produced = samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        output.removeLast(output.count - produced)
        return output
    }

    private func encode(_ samples: [Int16]) -> [UInt8] {
        var codes = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { input in
            codes.withUnsafeMutableBufferPointer { output in
                if codec == .pcmu { MuLaw.encode(input, into: output) } else { ALaw.encode(input, into: output) }
            }
        }
        return codes
    }
}
