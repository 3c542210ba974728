@testable import Net
import Testing

@Suite("ALPN wire format")
struct ALPNTests {
    @Test func wireFormatPrefixesEachNameWithItsLength() {
        #expect(ALPN.wireFormat(["h2", "http/1.1"]) == [2] + Array("h2".utf8) + [8] + Array("http/1.1".utf8))
        #expect(ALPN.wireFormat([]) == [])
        #expect(ALPN.wireFormat([""]) == nil)
        #expect(ALPN.wireFormat([String(repeating: "a", count: 256)]) == nil)
    }

    @Test func serverPreferenceWinsOverClientOrder() {
        let offer = ALPN.wireFormat(["http/1.1", "h2"])!
        let range = offer.withUnsafeBufferPointer { ALPN.select(preference: [Array("h2".utf8), Array("http/1.1".utf8)], offer: $0) }
        #expect(range.map { Array(offer[$0]) } == Array("h2".utf8))
    }

    @Test func noMatchOrMalformedOfferSelectsNothing() {
        let preference = [Array("http/1.1".utf8)]
        let cases: [[UInt8]] = [ALPN.wireFormat(["h2"])!, [9] + Array("http/1.1".utf8), [0, 1, 65], [8]]
        for offer in cases {
            #expect(offer.withUnsafeBufferPointer { ALPN.select(preference: preference, offer: $0) } == nil)
        }
    }

    @Test func randomOffersNeverSelectOutsideTheOffer() {
        let preference = [Array("h2".utf8), Array("http/1.1".utf8), [0x41]]
        for seed in UInt64(1)...2_000 {
            let offer = [UInt8].pattern(count: Int(seed % 40), seed: seed).map { $0 % 4 == 0 ? 1 : $0 % 70 }
            let range = offer.withUnsafeBufferPointer { ALPN.select(preference: preference, offer: $0) }
            if let range {
                #expect(range.lowerBound >= 1 && range.upperBound <= offer.count)
                #expect(preference.contains(Array(offer[range])))
            }
        }
    }
}
