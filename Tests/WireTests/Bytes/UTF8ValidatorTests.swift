import SwitchboardTesting
import Testing
@testable import Wire

@Suite struct UTF8ValidatorTests {
    @Test(arguments: [
        [0xCE, 0xBA, 0xE1, 0xBD, 0xB9, 0xCF, 0x83, 0xCE, 0xBC, 0xCE, 0xB5],  // "κόσμε"
        [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0x00, 0x7F],
    ] as [[UInt8]])
    func acceptsWellFormedSequences(bytes: [UInt8]) {
        #expect(UTF8Validator.isValid(bytes))
    }

    /// Unicode Table 3-7 boundaries: overlongs, surrogates, beyond U+10FFFF, stray continuations.
    @Test(arguments: [
        ([0xC0, 0x80], 0), ([0xC1, 0xBF], 0), ([0xE0, 0x80, 0x80], 1), ([0xED, 0xA0, 0x80], 1),
        ([0xF0, 0x80, 0x80, 0x80], 1), ([0xF4, 0x90, 0x80, 0x80], 1), ([0xF5, 0x80, 0x80, 0x80], 0),
        ([0x80], 0), ([0x41, 0xBF], 1), ([0xE2, 0x28, 0xA1], 1), ([0xFF], 0),
    ] as [([UInt8], Int)])
    func pointsAtFirstInvalidByte(bytes: [UInt8], badIndex: Int) {
        var validator = UTF8Validator()
        #expect(validator.validate(bytes) == badIndex)
    }

    @Test func truncatedSequenceIsNotAtCharacterBoundary() {
        var validator = UTF8Validator()
        #expect(validator.validate([0x61, 0xE2, 0x82]) == nil)
        #expect(!validator.isAtCharacterBoundary)
        #expect(validator.validate([0xAC]) == nil)  // completes "€"
        #expect(validator.isAtCharacterBoundary)
    }

    /// Differential check against the standard library on random bytes, split at a random point.
    @Test func agreesWithStandardLibraryOnRandomSplitInput() {
        var rng = SeededRandom(seed: 8)
        let seeds: [[UInt8]] = [Array("héllo ✓ 😀 κόσμε".utf8), [0xED, 0x9F, 0xBF, 0xF0, 0x90, 0x80, 0x80]]
        for round in 0..<5_000 {
            var bytes = round % 2 == 0 ? rng.bytes(Int.random(in: 0...12, using: &rng))
                : ByteMutator().mutate(seeds[round % seeds.count], using: &rng)
            if round % 7 == 0 { bytes = seeds[0] }
            let cut = Int.random(in: 0...bytes.count, using: &rng)
            var validator = UTF8Validator()
            let ok = validator.validate(Array(bytes[..<cut])) == nil && validator.validate(Array(bytes[cut...])) == nil
                && validator.isAtCharacterBoundary
            #expect(ok == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes.hex) cut at \(cut)")
        }
    }
}
