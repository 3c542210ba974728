import Media
import Speech

/// Turns a provider's audio bytes, in the format the provider was asked for, into whole-sample chunks
/// in the format the caller asked for: converted once, at the edge. The same format passes through
/// untouched (only a partial trailing sample is held back for the next chunk); otherwise samples are
/// decoded (L16 little-endian or G.711), resampled with Media's `Resampler` (whose filter state carries
/// across chunks) and encoded. Owned by one request's task.
final class EdgeAudioConverter {
    let source: AudioFormat
    let target: AudioFormat
    private let resampler: Resampler?
    /// Bytes of an incomplete source sample left from the previous chunk (at most one byte for L16).
    private var carry: [UInt8] = []

    init(source: AudioFormat, target: AudioFormat) throws(ProviderError) {
        self.source = source
        self.target = target
        if source.sampleRate == target.sampleRate {
            resampler = nil
        } else {
            do {
                resampler = try Resampler(from: source.sampleRate, to: target.sampleRate)
            } catch {
                throw .badRequest(detail: "cannot convert \(source.sampleRate.hertz) Hz to \(target.sampleRate.hertz) Hz: \(error)")
            }
        }
    }

    /// Whether audio passes through untouched.
    var isPassthrough: Bool { source == target }

    /// Converts the next piece of the provider's stream; the result holds whole target samples (maybe none).
    func convert(_ bytes: [UInt8]) -> [UInt8] {
        let whole = wholeSamples(bytes)
        guard !whole.isEmpty, !isPassthrough else { return whole }
        var samples = decode(whole)
        if let resampler {
            var output = [Int16](repeating: 0, count: resampler.outputCount(forInputCount: samples.count) + 2)
            let written = samples.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { resampler.process(input, into: $0) }
            }
            output.removeSubrange(written...)
            samples = output
        }
        return encode(samples)
    }

    /// `carry + bytes` cut to a multiple of the source sample size; the rest is carried.
    private func wholeSamples(_ bytes: [UInt8]) -> [UInt8] {
        let size = source.encoding.bytesPerSample
        if size == 1 { return bytes }
        var joined = carry
        joined += bytes
        let usable = joined.count - joined.count % size
        carry = Array(joined[usable...])
        joined.removeSubrange(usable...)
        return joined
    }

    private func decode(_ bytes: [UInt8]) -> [Int16] {
        switch source.encoding {
        case .linear16:
            return (0..<(bytes.count / 2)).map { Int16(bitPattern: UInt16(bytes[2 * $0]) | UInt16(bytes[2 * $0 + 1]) << 8) }
        case .mulaw: return bytes.map(MuLaw.decode)
        case .alaw: return bytes.map(ALaw.decode)
        }
    }

    private func encode(_ samples: [Int16]) -> [UInt8] {
        switch target.encoding {
        case .linear16:
            var bytes = [UInt8]()
            bytes.reserveCapacity(samples.count * 2)
            for sample in samples {
                let bits = UInt16(bitPattern: sample)
                bytes.append(UInt8(truncatingIfNeeded: bits))
                bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
            }
            return bytes
        case .mulaw: return samples.map(MuLaw.encode)
        case .alaw: return samples.map(ALaw.encode)
        }
    }
}
