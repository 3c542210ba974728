/// The buffer loops shared by `MuLaw` and `ALaw`: table lookups over caller-provided storage, so a
/// frame is transcoded without allocating.
@usableFromInline
enum G711Transcode {
    static func expand(_ codes: UnsafeBufferPointer<UInt8>, into samples: UnsafeMutableBufferPointer<Int16>,
                       table: UnsafeBufferPointer<Int16>) {
        precondition(samples.count >= codes.count, "G.711 decode: output holds \(samples.count) < \(codes.count) samples")
        for index in 0..<codes.count {
            samples[index] = table[Int(codes[index])]
        }
    }

    static func compress(_ samples: UnsafeBufferPointer<Int16>, into codes: UnsafeMutableBufferPointer<UInt8>,
                         table: UnsafeBufferPointer<UInt8>, shift: UInt16) {
        precondition(codes.count >= samples.count, "G.711 encode: output holds \(codes.count) < \(samples.count) codes")
        for index in 0..<samples.count {
            codes[index] = table[Int(UInt16(bitPattern: samples[index]) >> shift)]
        }
    }

    @inlinable
    static func decodeFrame<Codes: Collection<UInt8>>(
        _ codes: Codes, into frame: inout AudioFrame,
        decode: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<Int16>) -> Void
    ) {
        precondition(frame.sampleRate == .hz8000, "G.711 frames are 8 kHz")
        precondition(codes.count == frame.samples.count, "G.711 frame needs \(frame.samples.count) codes, got \(codes.count)")
        let done: Void? = codes.withContiguousStorageIfAvailable { contiguous in
            frame.samples.withUnsafeMutableBufferPointer { decode(contiguous, $0) }
        }
        if done == nil {
            let copy = Array(codes)
            copy.withUnsafeBufferPointer { contiguous in
                frame.samples.withUnsafeMutableBufferPointer { decode(contiguous, $0) }
            }
        }
    }

    @inlinable
    static func encodeFrame(
        _ frame: AudioFrame, into codes: inout [UInt8],
        encode: (UnsafeBufferPointer<Int16>, UnsafeMutableBufferPointer<UInt8>) -> Void
    ) {
        codes.resizeKeepingCapacity(to: frame.samples.count)
        frame.samples.withUnsafeBufferPointer { samples in
            codes.withUnsafeMutableBufferPointer { encode(samples, $0) }
        }
    }
}

extension Array where Element: ExpressibleByIntegerLiteral {
    /// Sets `count` to `newCount`, zero-filling growth and keeping capacity, so buffers reused frame after
    /// frame stop allocating once they have reached their largest size.
    @inlinable
    mutating func resizeKeepingCapacity(to newCount: Int) {
        if count > newCount {
            removeLast(count - newCount)
        } else if count < newCount {
            append(contentsOf: repeatElement(0, count: newCount - count))
        }
    }
}
