import Media
import Speech

/// Converts agent audio chunks (any `AudioFormat` the session produces) to what an RTP stream queues
/// for its codec: G.711 bytes (µ-law and A-law mapped code by code, linear PCM encoded, other rates
/// resampled to 8 kHz first), or for Opus 16 kHz little-endian Int16 PCM (encoded to Opus per packet
/// at send time). One resampler per input rate, kept for the stream's life so its filter history stays
/// continuous. Runs once per chunk, not per frame.
struct AudioChunkTranscoder {
    var codec: RTPAudioCodec {
        didSet { if codec.pcmSampleRate != oldValue.pcmSampleRate { resamplers.removeAll() } }
    }
    private var resamplers: [SampleRate: Resampler] = [:]
    /// Chunks dropped because their format cannot be carried (G.711 codes at a rate other than 8 kHz).
    private(set) var rejectedChunks = 0

    init(codec: RTPAudioCodec) { self.codec = codec }

    /// `chunk` in the queued form of the codec, or nil if it cannot be converted.
    mutating func wireBytes(for chunk: AudioChunk) -> [UInt8]? {
        let rate = chunk.format.sampleRate
        var samples: [Int16]
        switch (chunk.format.encoding, rate) {
        case (.mulaw, .hz8000):
            if codec == .pcmu { return chunk.bytes }
            if codec == .pcma { return chunk.bytes.map { ALaw.encode(MuLaw.decode($0)) } }
            samples = chunk.bytes.map(MuLaw.decode)
        case (.alaw, .hz8000):
            if codec == .pcma { return chunk.bytes }
            if codec == .pcmu { return chunk.bytes.map { MuLaw.encode(ALaw.decode($0)) } }
            samples = chunk.bytes.map(ALaw.decode)
        case (.linear16, _):
            samples = [Int16](repeating: 0, count: chunk.bytes.count / 2)
            for index in samples.indices {
                samples[index] = Int16(bitPattern: UInt16(chunk.bytes[2 * index]) | UInt16(chunk.bytes[2 * index + 1]) << 8)
            }
        default:
            rejectedChunks += 1
            return nil
        }
        if rate != codec.pcmSampleRate {
            guard let resampled = resample(samples, from: rate) else { rejectedChunks += 1; return nil }
            samples = resampled
        }
        return encode(samples)
    }

    private mutating func resample(_ samples: [Int16], from rate: SampleRate) -> [Int16]? {
        if resamplers[rate] == nil { resamplers[rate] = try? Resampler(from: rate, to: codec.pcmSampleRate) }
        guard let resampler = resamplers[rate] else { return nil }
        var output = [Int16](repeating: 0, count: resampler.outputCount(forInputCount: samples.count) + 16)
        let produced = samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
        }
        output.removeLast(output.count - produced)
        return output
    }

    private func encode(_ samples: [Int16]) -> [UInt8] {
        if codec == .opus {
            var bytes = [UInt8](repeating: 0, count: samples.count * 2)
            for (index, sample) in samples.enumerated() {
                bytes[2 * index] = UInt8(truncatingIfNeeded: sample)
                bytes[2 * index + 1] = UInt8(truncatingIfNeeded: UInt16(bitPattern: sample) >> 8)
            }
            return bytes
        }
        var codes = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { input in
            codes.withUnsafeMutableBufferPointer { output in
                if codec == .pcmu { MuLaw.encode(input, into: output) } else { ALaw.encode(input, into: output) }
            }
        }
        return codes
    }
}
