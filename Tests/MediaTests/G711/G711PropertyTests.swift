import Testing
@testable import Media

@Suite struct G711PropertyTests {
    @Test(arguments: LawUnderTest.allCases)
    func decodeMatchesReconstructionFormulaForAll256Codes(law: LawUnderTest) {
        for code in UInt8.min...UInt8.max {
            #expect(Int(law.decode(code)) == law.referenceDecode(code), "code 0x\(String(code, radix: 16))")
        }
    }

    @Test(arguments: LawUnderTest.allCases)
    func decodeThenEncodeIsIdentityExceptMuLawNegativeZero(law: LawUnderTest) {
        for code in UInt8.min...UInt8.max {
            let expected: UInt8 = (law == .muLaw && code == 0x7F) ? 0xFF : code
            #expect(law.encode(law.decode(code)) == expected, "code 0x\(String(code, radix: 16))")
        }
    }

    @Test(arguments: LawUnderTest.allCases)
    func codesHaveDistinctLevelsOrderedBySignSegmentAndMantissa(law: LawUnderTest) {
        // Only µ-law's two zeros share a level.
        #expect(law.levels.count == (law == .muLaw ? 255 : 256))
        // Within one sign, increasing (segment, mantissa) magnitude means increasing |level|.
        let strip: UInt8 = law == .muLaw ? 0xFF : 0x55  // undo the transmission inversion
        for sign: UInt8 in [0x00, 0x80] {
            let magnitudes = (UInt8(0)...0x7F).map { abs(Int(law.decode(($0 | sign) ^ strip))) }
            #expect(magnitudes == magnitudes.sorted() && Set(magnitudes).count == 128)
        }
    }

    @Test(arguments: LawUnderTest.allCases)
    func encodeMatchesStraightforwardReferenceForAll65536Samples(law: LawUnderTest) {
        var mismatches = 0
        for sample in Int16.min...Int16.max where law.encode(sample) != law.referenceEncode(sample) {
            mismatches += 1
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: LawUnderTest.allCases)
    func encodeIsMonotoneAndEachLevelSitsMidDecisionInterval(law: LawUnderTest) {
        var previous = Int.min
        var lowest = [Int](repeating: .max, count: 256), highest = [Int](repeating: .min, count: 256)
        for sample in Int16.min...Int16.max {
            let code = Int(law.encode(sample))
            let level = Int(law.decode(UInt8(code)))
            #expect(level >= previous, "not monotone at \(sample)")
            previous = level
            lowest[code] = min(lowest[code], Int(sample))
            highest[code] = max(highest[code], Int(sample))
        }
        let extremes = Set([Int(law.encode(.min)), Int(law.encode(.max))])  // clipped: interval runs to the rail
        for code in 0...255 where !extremes.contains(code) {
            #expect(lowest[code] <= highest[code], "code \(code) is never produced")
            // G.711 reconstruction levels are interval midpoints; the tolerance covers the dropped low bits
            // and the one-LSB shift of one's-complement negatives.
            let middle = Double(lowest[code] + highest[code]) / 2
            #expect(abs(middle - Double(law.decode(UInt8(code)))) <= 2.5, "code \(code): [\(lowest[code]), \(highest[code])]")
        }
    }

    @Test(arguments: LawUnderTest.allCases)
    func bufferAPIsMatchScalarAPIs(law: LawUnderTest) {
        let codes = (0...255).map { UInt8($0) } + (0...255).map { UInt8(255 - $0) }
        #expect(law.decodeBuffer(codes) == codes.map(law.decode))
        let samples = (0..<4096).map { Int16(truncatingIfNeeded: $0 &* 7919) }
        #expect(law.encodeBuffer(samples) == samples.map(law.encode))
    }
}
