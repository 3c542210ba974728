/// The lookup tables behind `MuLaw` and `ALaw`, built once from the G.711 formulas below. The formulas
/// are the ITU-T G.191 software-tool algorithms (`src/g711/g711.c` in github.com/openitu/STL), written
/// with a leading-zero count instead of a segment search.
@usableFromInline
enum G711Tables {
    /// µ-law code → linear sample (256 entries).
    @usableFromInline static let muLawDecode: [Int16] = (0...255).map { muLawExpand(UInt8($0)) }
    /// A-law code → linear sample (256 entries).
    @usableFromInline static let aLawDecode: [Int16] = (0...255).map { aLawExpand(UInt8($0)) }
    /// Top 14 bits of a sample (as an unsigned pattern) → µ-law code (16 384 entries).
    @usableFromInline static let muLawEncode: [UInt8] = (0..<(1 << 14)).map {
        muLawCompress(Int16(bitPattern: UInt16($0) << UInt16(MuLaw.inputShift)))
    }
    /// Top 12 bits of a sample (as an unsigned pattern) → A-law code (4 096 entries).
    @usableFromInline static let aLawEncode: [UInt8] = (0..<(1 << 12)).map {
        aLawCompress(Int16(bitPattern: UInt16($0) << UInt16(ALaw.inputShift)))
    }

    @inlinable static func muLawIndex(_ sample: Int16) -> Int {
        Int(UInt16(bitPattern: sample) >> UInt16(MuLaw.inputShift))
    }

    @inlinable static func aLawIndex(_ sample: Int16) -> Int {
        Int(UInt16(bitPattern: sample) >> UInt16(ALaw.inputShift))
    }

    /// ITU G.191 `ulaw_compress` for one sample.
    static func muLawCompress(_ sample: Int16) -> UInt8 {
        let negative = sample < 0
        // One's complement magnitude for negatives, as G.191 does (so -1 maps like +0, to "negative zero").
        let magnitude14 = Int(negative ? ~sample : sample) >> MuLaw.inputShift
        let biased = min(magnitude14 + MuLaw.bias14, MuLaw.maximumBiased14)
        // Biased values lie in 33...8191: the top set bit is bit 5...12, i.e. segment 0...7.
        let topBit = Int.bitWidth - 1 - biased.leadingZeroBitCount
        let segment = topBit - 5
        let mantissa = (biased >> (segment + 1)) & 0x0F
        // G.711 µ-law transmits the code inverted; the sign bit is 1 for positive samples.
        let inverted = ~((segment << 4) | mantissa) & 0x7F
        return UInt8(inverted | (negative ? 0 : 0x80))
    }

    /// ITU G.191 `ulaw_expand` for one code.
    static func muLawExpand(_ code: UInt8) -> Int16 {
        let inverted = Int(~code)
        let segment = (inverted >> 4) & 0x07
        let mantissa = inverted & 0x0F
        // Reconstruction level: the middle of the decision interval, in 16-bit units (bias 0x84 = 4 * 33).
        let magnitude = (((mantissa << 3) + 0x84) << segment) - 0x84
        return Int16(inverted & 0x80 != 0 ? -magnitude : magnitude)
    }

    /// ITU G.191 `alaw_compress` for one sample.
    static func aLawCompress(_ sample: Int16) -> UInt8 {
        let negative = sample < 0
        let magnitude12 = Int(negative ? ~sample : sample) >> ALaw.inputShift  // 0...2047
        let code: Int
        if magnitude12 < 16 {
            code = magnitude12  // segment 0: linear, step 16 in 16-bit units
        } else {
            let topBit = Int.bitWidth - 1 - magnitude12.leadingZeroBitCount  // 4...10
            let segment = topBit - 3
            code = (segment << 4) | ((magnitude12 >> (segment - 1)) & 0x0F)
        }
        return UInt8(code | (negative ? 0 : 0x80)) ^ ALaw.evenBitInversion
    }

    /// ITU G.191 `alaw_expand` for one code.
    static func aLawExpand(_ code: UInt8) -> Int16 {
        let value = Int(code ^ ALaw.evenBitInversion)
        let segment = (value >> 4) & 0x07
        var magnitude = ((value & 0x0F) << 4) + 8
        if segment > 0 { magnitude += 0x100 }
        if segment > 1 { magnitude <<= segment - 1 }
        return Int16(value & 0x80 != 0 ? magnitude : -magnitude)
    }
}
