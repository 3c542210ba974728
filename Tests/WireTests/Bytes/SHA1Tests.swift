import Testing
@testable import Wire

@Suite struct SHA1Tests {
    /// FIPS 180-2 Appendix A and RFC 3174 §7.3 test vectors.
    @Test(arguments: [
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
    ])
    func digestMatchesPublishedVector(input: String, expected: String) {
        #expect(SHA1.hash(Array(input.utf8)).hex == expected)
    }

    @Test func millionRepetitionsOfAMatchesFIPSVector() {
        #expect(SHA1.hash([UInt8](repeating: 0x61, count: 1_000_000)).hex == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    /// Lengths around the 55/56/64-byte padding boundaries, hashed whole and fed in pieces.
    @Test func incrementalUpdatesMatchOneShotAcrossPaddingBoundaries() {
        for length in [55, 56, 57, 63, 64, 65, 119, 120, 128] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            var sha = SHA1()
            sha.update(bytes[..<(length / 3)])
            sha.update(bytes[(length / 3)...])
            #expect(sha.finalize() == SHA1.hash(bytes), "length \(length)")
        }
        // 64 bytes of "a": a full block, then padding alone in a second block (value from Python hashlib).
        #expect(SHA1.hash([UInt8](repeating: 0x61, count: 64)).hex == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
    }
}
