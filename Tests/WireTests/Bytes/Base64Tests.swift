import SwitchboardTesting
import Testing
@testable import Wire

@Suite struct Base64Tests {
    /// RFC 4648 §10 test vectors.
    static let vectors = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
                          ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")]

    @Test(arguments: vectors)
    func encodesRFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(arguments: ["Zg=", "Zg", "Zh==", "Zm9vYmF=", "Zm9v YmFy", "====", "Zm=v", "Zm9v\n", "Zg==Zg==", "Z===", "ab*d"])
    func refusesNonCanonicalText(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func websocketSampleNonceDecodesToSixteenBytes() {
        #expect(Base64.decode("dGhlIHNhbXBsZSBub25jZQ==") == Array("the sample nonce".utf8))
    }

    @Test func randomBytesRoundTrip() {
        var rng = SeededRandom(seed: 64)
        for _ in 0..<500 {
            let bytes = rng.bytes(Int.random(in: 0...200, using: &rng))
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
    }
}
