/// G.711 A-law (PCMA) companding between 16-bit linear PCM and 8-bit codes, bit-exact with the ITU-T
/// G.191 software tools (`alaw_compress` / `alaw_expand`): the telephony codec outside North America.
/// Stateless; both directions are table lookups. A-law has no zero code: 0 encodes to 0xD5 (+8).
public enum ALaw {
    /// G.711 A-law works on 12-bit magnitudes: a 16-bit sample is shifted right by 4 before encoding.
    @usableFromInline static let inputShift = 4
    /// G.711: A-law codes are transmitted with every even bit inverted (XOR 0x55).
    static let evenBitInversion: UInt8 = 0x55
    /// The code a sample of 0 encodes to; A-law silence on the wire.
    public static let silenceCode: UInt8 = 0xD5

    /// The linear value of `code` (ITU G.191 `alaw_expand`).
    @inlinable
    public static func decode(_ code: UInt8) -> Int16 {
        G711Tables.aLawDecode.withUnsafeBufferPointer { $0[Int(code)] }
    }

    /// The A-law code of `sample` (ITU G.191 `alaw_compress`), through a 4 096-entry table indexed by the
    /// sample's top 12 bits (the law ignores the four low bits).
    @inlinable
    public static func encode(_ sample: Int16) -> UInt8 {
        G711Tables.aLawEncode.withUnsafeBufferPointer { $0[G711Tables.aLawIndex(sample)] }
    }

    /// Decodes `codes` into the first `codes.count` elements of `samples`.
    /// - Precondition: `samples.count >= codes.count`.
    public static func decode(_ codes: UnsafeBufferPointer<UInt8>, into samples: UnsafeMutableBufferPointer<Int16>) {
        G711Tables.aLawDecode.withUnsafeBufferPointer { G711Transcode.expand(codes, into: samples, table: $0) }
    }

    /// Encodes `samples` into the first `samples.count` elements of `codes`.
    /// - Precondition: `codes.count >= samples.count`.
    public static func encode(_ samples: UnsafeBufferPointer<Int16>, into codes: UnsafeMutableBufferPointer<UInt8>) {
        G711Tables.aLawEncode.withUnsafeBufferPointer {
            G711Transcode.compress(samples, into: codes, table: $0, shift: UInt16(inputShift))
        }
    }

    /// Decodes one frame's worth of codes into `frame`, reusing its storage.
    /// - Precondition: `frame` is 8 kHz and `codes.count == frame.samples.count` (160).
    @inlinable
    public static func decode<Codes: Collection<UInt8>>(_ codes: Codes, into frame: inout AudioFrame) {
        G711Transcode.decodeFrame(codes, into: &frame, decode: decode(_:into:))
    }

    /// Encodes `frame` into `codes`, which is resized to the frame's sample count keeping its capacity.
    @inlinable
    public static func encode(_ frame: AudioFrame, into codes: inout [UInt8]) {
        G711Transcode.encodeFrame(frame, into: &codes, encode: encode(_:into:))
    }
}
