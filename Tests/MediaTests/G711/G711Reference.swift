/// Straightforward G.711 reference encoders for the tests, written as the ITU-T G.191 software tools
/// describe the algorithm (segment found by comparing against segment end points, no tables, no bit
/// tricks), so the table-driven fast paths in `Media` are checked against an independent formulation.
enum G711Reference {
    /// Upper ends of the eight µ-law segments, on the biased 14-bit magnitude (G.711 Table 2a).
    static let muLawSegmentEnds = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF]
    /// Upper ends of the eight A-law segments, on the 12-bit magnitude (G.711 Table 1a).
    static let aLawSegmentEnds = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]

    static func muLawEncode(_ sample: Int16) -> UInt8 {
        let value = Int(sample)
        // G.191: negative samples use the one's complement before dropping the two low bits.
        let magnitude = value < 0 ? (-value - 1) / 4 : value / 4
        let biased = min(magnitude + 33, 0x1FFF)
        var segment = 0
        while biased > muLawSegmentEnds[segment] { segment += 1 }
        let mantissa = (biased >> (segment + 1)) & 0xF
        let sign = value < 0 ? 0x00 : 0x80
        return UInt8(sign | (0x7F - ((segment << 4) | mantissa)))
    }

    static func aLawEncode(_ sample: Int16) -> UInt8 {
        let value = Int(sample)
        let magnitude = value < 0 ? (-value - 1) / 8 : value / 8  // 13-bit sign-magnitude, 12-bit magnitude
        var segment = 0
        while segment < 8 && magnitude > aLawSegmentEnds[segment] { segment += 1 }
        let mantissa = segment < 2 ? (magnitude >> 1) & 0xF : (magnitude >> segment) & 0xF
        let sign = value < 0 ? 0x00 : 0x80
        return UInt8(sign | (segment << 4) | mantissa) ^ 0x55
    }

    /// Decoding by the textbook formula (G.711 Table 2a/1a reconstruction values in 16-bit units).
    static func muLawDecode(_ code: UInt8) -> Int {
        let inverted = Int(~code)
        let segment = (inverted & 0x70) >> 4
        let mantissa = inverted & 0x0F
        let magnitude = (2 * mantissa + 33) * (1 << (segment + 2)) - 132
        return inverted & 0x80 != 0 ? -magnitude : magnitude
    }

    static func aLawDecode(_ code: UInt8) -> Int {
        let value = Int(code ^ 0x55)
        let segment = (value & 0x70) >> 4
        let mantissa = value & 0x0F
        let magnitude = segment == 0 ? (2 * mantissa + 1) * 8 : (2 * mantissa + 33) * (1 << (segment + 2))
        return value & 0x80 != 0 ? magnitude : -magnitude
    }
}
