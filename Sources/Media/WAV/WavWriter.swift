/// Writes RIFF WAVE files of 16-bit PCM: a canonical 44-byte header ("RIFF", "fmt " of 16 bytes,
/// "data") followed by the samples, little-endian. For fixtures and call recordings.
public enum WavWriter {
    /// Size of the header `header(format:dataByteCount:)` writes.
    public static let headerByteCount = 44
    /// RIFF sizes written when the length is not known yet (streaming): readers take "to end of file".
    public static let unknownLength: UInt32 = 0xFFFF_FFFF
    /// WAVE format tag for integer PCM (RFC 2361: WAVE_FORMAT_PCM).
    static let formatTagPCM: UInt16 = 1

    /// The 44-byte header for `dataByteCount` bytes of samples; nil writes `unknownLength` sizes.
    public static func header(format: WavFormat, dataByteCount: Int?) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(headerByteCount)
        let dataSize = dataByteCount.map { UInt32(clamping: $0) } ?? unknownLength
        let riffSize = dataByteCount.map { UInt32(clamping: $0 + headerByteCount - 8) } ?? unknownLength
        bytes += Array("RIFF".utf8)
        append(riffSize, to: &bytes)
        bytes += Array("WAVEfmt ".utf8)
        append(UInt32(16), to: &bytes)
        append(formatTagPCM, to: &bytes)
        append(UInt16(format.channelCount), to: &bytes)
        append(UInt32(format.sampleRate), to: &bytes)
        append(UInt32(format.sampleRate * format.blockAlign), to: &bytes)
        append(UInt16(format.blockAlign), to: &bytes)
        append(UInt16(WavFormat.bitsPerSample), to: &bytes)
        bytes += Array("data".utf8)
        append(dataSize, to: &bytes)
        return bytes
    }

    /// A complete file holding `samples` (interleaved when stereo).
    public static func encode(_ samples: [Int16], format: WavFormat) -> [UInt8] {
        var bytes = header(format: format, dataByteCount: samples.count * 2)
        bytes.reserveCapacity(headerByteCount + samples.count * 2)
        appendSamples(samples, to: &bytes)
        return bytes
    }

    /// Appends samples as little-endian bytes (the body of a "data" chunk).
    public static func appendSamples(_ samples: [Int16], to bytes: inout [UInt8]) {
        for sample in samples {
            append(UInt16(bitPattern: sample), to: &bytes)
        }
    }

    static func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: Value.bitWidth, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> shift))
        }
    }
}
