import Testing
@testable import Media

/// Spot checks against published G.711 values. Source: the ITU-T G.191 Software Tool Library
/// (`src/g711/g711.c`, `ulaw_expand` / `alaw_expand`, github.com/openitu/STL), whose 256-entry outputs are
/// tabulated in Wireshark `codecs/G711u/G711utable.h` and `codecs/G711a/G711atable.h`; the values below
/// are copied from those tables (row starts and ends, silence codes, extremes).
@Suite struct G711PublishedValuesTests {
    static let muLawPublished: [(UInt8, Int16)] = [
        (0x00, -32124), (0x01, -31100), (0x0F, -16764), (0x10, -15996), (0x1F, -8316), (0x20, -7932),
        (0x2F, -4092), (0x30, -3900), (0x3F, -1980), (0x40, -1884), (0x4F, -924), (0x50, -876),
        (0x5F, -396), (0x60, -372), (0x6F, -132), (0x70, -120), (0x7E, -8), (0x7F, 0),
        (0x80, 32124), (0x8F, 16764), (0xC0, 1884), (0xEF, 132), (0xF0, 120), (0xFE, 8), (0xFF, 0),
    ]
    static let aLawPublished: [(UInt8, Int16)] = [
        (0x00, -5504), (0x01, -5248), (0x02, -6016), (0x07, -4736), (0x2A, -32256), (0x2F, -27136),
        (0x34, -8960), (0x40, -344), (0x55, -8), (0x65, -1056), (0x7F, -848),
        (0x80, 5504), (0xAA, 32256), (0xD5, 8), (0xE5, 1056), (0xFF, 848),
    ]

    @Test func muLawDecodesToPublishedITUValues() {
        for (code, value) in Self.muLawPublished {
            #expect(MuLaw.decode(code) == value, "µ-law 0x\(String(code, radix: 16))")
        }
    }

    @Test func aLawDecodesToPublishedITUValues() {
        for (code, value) in Self.aLawPublished {
            #expect(ALaw.decode(code) == value, "A-law 0x\(String(code, radix: 16))")
        }
    }

    @Test func muLawEncodesZeroMinusOneAndExtremesAsITUDoes() {
        #expect(MuLaw.encode(0) == 0xFF)
        #expect(MuLaw.encode(3) == 0xFF)
        #expect(MuLaw.encode(-1) == 0x7F)  // G.191 one's complement: -1 is "negative zero"
        #expect(MuLaw.encode(-4) == 0x7F)
        #expect(MuLaw.encode(-5) == 0x7E)
        #expect(MuLaw.encode(.max) == 0x80)
        #expect(MuLaw.encode(.min) == 0x00)
        #expect(MuLaw.silenceCode == MuLaw.encode(0))
    }

    @Test func aLawEncodesZeroMinusOneAndExtremesAsITUDoes() {
        #expect(ALaw.encode(0) == 0xD5)
        #expect(ALaw.encode(-1) == 0x55)
        #expect(ALaw.encode(.max) == 0xAA)
        #expect(ALaw.encode(.min) == 0x2A)
        #expect(ALaw.silenceCode == ALaw.encode(0))
    }
}
