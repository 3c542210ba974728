import COpenSSL
import Wire

/// Masking keys for client frames (RFC 6455 §5.3: "MUST be derived from a strong source of entropy").
/// Keys are taken from a pool filled by OpenSSL's CSPRNG (`RAND_bytes`, seeded from the kernel), 128
/// keys per refill: every key is CSPRNG output, and one call serves 128 frames. One per connection,
/// on its loop thread.
struct MaskingKeySource {
    /// Keys drawn per refill: a 512-byte pool.
    static let keysPerRefill = 128

    private var pool: [UInt32]
    private var next: Int

    init() {
        pool = [UInt32](repeating: 0, count: Self.keysPerRefill)
        next = Self.keysPerRefill
    }

    mutating func nextKey() -> WebSocketMaskingKey {
        if next == pool.count { refill() }
        let word = pool[next]
        next += 1
        return WebSocketMaskingKey(UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8),
                                   UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 24))
    }

    private mutating func refill() {
        pool.withUnsafeMutableBytes { Self.fillRandom($0) }
        next = 0
    }

    /// RFC 6455 §4.1: the handshake nonce, 16 random bytes from the CSPRNG.
    static func handshakeNonce() -> [UInt8] {
        var nonce = [UInt8](repeating: 0, count: WebSocketHandshake.keyNonceBytes)
        nonce.withUnsafeMutableBytes { fillRandom($0) }
        return nonce
    }

    /// `RAND_bytes`; should OpenSSL ever fail, the kernel's `getrandom(2)` through the standard library.
    private static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) {
        guard let base = buffer.baseAddress else { return }
        if RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1 { return }
        var generator = SystemRandomNumberGenerator()
        for index in buffer.indices { buffer[index] = generator.next() }
    }
}
