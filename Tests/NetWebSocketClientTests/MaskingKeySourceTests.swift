import Testing
import Wire
@testable import Net

@Suite("Masking keys and handshake nonces")
struct MaskingKeySourceTests {
    @Test func keysAcrossSeveralRefillsAreNotRepeated() {
        var source = MaskingKeySource()
        let count = MaskingKeySource.keysPerRefill * 3 + 5
        let keys = (0..<count).map { _ in source.nextKey() }
        let distinct = Set(keys.map { UInt32($0.bytes.0) << 24 | UInt32($0.bytes.1) << 16 | UInt32($0.bytes.2) << 8 | UInt32($0.bytes.3) })
        // 389 draws from 2^32: a repeat has probability below 2e-5; a stuck or zero pool repeats at once.
        #expect(distinct.count == count)
    }

    @Test func handshakeNoncesAreSixteenFreshBytes() {
        let nonces = (0..<32).map { _ in MaskingKeySource.handshakeNonce() }
        #expect(nonces.allSatisfy { $0.count == WebSocketHandshake.keyNonceBytes })
        #expect(Set(nonces).count == nonces.count)
        #expect(nonces.allSatisfy { WebSocketHandshake.makeKey(nonce: $0) != nil })
    }
}
