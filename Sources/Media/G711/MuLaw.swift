/// G.711 µ-law (PCMU) companding between 16-bit linear PCM and 8-bit codes, bit-exact with the ITU-T
/// G.191 software tools (`ulaw_compress` / `ulaw_expand`): the telephony codec of North America and
/// Japan, and what Twilio media streams carry. Stateless; both directions are table lookups.
///
/// Encoding follows ITU G.191 for negative input: the magnitude is the one's complement (`~x`), so
/// -1…-4 encode to 0x7F ("negative zero") and 0 encodes to 0xFF. Decoding 0x7F and 0xFF both give 0.
public enum MuLaw {
    /// G.711 µ-law works on 14-bit magnitudes: a 16-bit sample is shifted right by 2 before encoding.
    @usableFromInline static let inputShift = 2
    /// G.711 µ-law bias on the 14-bit magnitude (ITU G.191 `ulaw_compress`: `+ 33`).
    static let bias14 = 33
    /// Largest biased 14-bit magnitude; larger inputs clip to the top of segment 7.
    static let maximumBiased14 = 0x1FFF
    /// The code a sample of 0 encodes to (positive zero); µ-law silence on the wire.
    public static let silenceCode: UInt8 = 0xFF

    /// The linear value of `code` (ITU G.191 `ulaw_expand`).
    @inlinable
    public static func decode(_ code: UInt8) -> Int16 {
        G711Tables.muLawDecode.withUnsafeBufferPointer { $0[Int(code)] }
    }

    /// The µ-law code of `sample` (ITU G.191 `ulaw_compress`), through a 16 384-entry table indexed by
    /// the sample's top 14 bits (the law ignores the two low bits).
    @inlinable
    public static func encode(_ sample: Int16) -> UInt8 {
        G711Tables.muLawEncode.withUnsafeBufferPointer { $0[G711Tables.muLawIndex(sample)] }
    }

    /// Decodes `codes` into the first `codes.count` elements of `samples`.
    /// - Precondition: `samples.count >= codes.count`.
    public static func decode(_ codes: UnsafeBufferPointer<UInt8>, into samples: UnsafeMutableBufferPointer<Int16>) {
        G711Tables.muLawDecode.withUnsafeBufferPointer { G711Transcode.expand(codes, into: samples, table: $0) }
    }

    /// Encodes `samples` into the first `samples.count` elements of `codes`.
    /// - Precondition: `codes.count >= samples.count`.
    public static func encode(_ samples: UnsafeBufferPointer<Int16>, into codes: UnsafeMutableBufferPointer<UInt8>) {
        G711Tables.muLawEncode.withUnsafeBufferPointer {
            G711Transcode.compress(samples, into: codes, table: $0, shift: UInt16(inputShift))
        }
    }

    /// Decodes one frame's worth of codes (any contiguous byte collection, e.g. an RTP payload slice) into
    /// `frame`, reusing its storage.
    /// - Precondition: `frame` is 8 kHz and `codes.count == frame.samples.count` (160).
    @inlinable
    public static func decode<Codes: Collection<UInt8>>(_ codes: Codes, into frame: inout AudioFrame) {
        G711Transcode.decodeFrame(codes, into: &frame, decode: decode(_:into:))
    }

    /// Encodes `frame` into `codes`, which is resized to the frame's sample count keeping its capacity
    /// (no allocation once `codes` has held a frame).
    @inlinable
    public static func encode(_ frame: AudioFrame, into codes: inout [UInt8]) {
        G711Transcode.encodeFrame(frame, into: &codes, encode: encode(_:into:))
    }
}
