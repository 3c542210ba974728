/// FIPS 180-4 SHA-1, here only to compute the RFC 6455 `Sec-WebSocket-Accept` value (SHA-1 is not used
/// for anything that needs collision resistance). Streaming: `update` any number of times, then `finalize`.
public struct SHA1: Sendable {
    /// FIPS 180-4 §5.3.1: initial hash value.
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    /// FIPS 180-4 §5.2.1: 512-bit blocks.
    private static let blockSize = 64
    private var block: [UInt8] = []
    private var totalBytes: UInt64 = 0

    public init() { block.reserveCapacity(Self.blockSize) }

    /// The 20-byte digest of `bytes`.
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        var sha = SHA1()
        sha.update(bytes)
        return sha.finalize()
    }

    public mutating func update<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    /// Hashes whole blocks straight from `bytes`; only a partial block is copied aside.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        if !block.isEmpty {
            let take = min(Self.blockSize - block.count, bytes.count)
            block.append(contentsOf: bytes[0..<take])
            index = take
            guard block.count == Self.blockSize else { return }
            let full = block  // a copy: `compress` mutates self while reading it
            full.withUnsafeBytes { compress($0) }
            block.removeAll(keepingCapacity: true)
        }
        while index + Self.blockSize <= bytes.count {
            compress(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + Self.blockSize)]))
            index += Self.blockSize
        }
        block.append(contentsOf: bytes[index...])
    }

    /// Pads (FIPS 180-4 §5.1.1) and returns the digest. The value is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        let bitLength = (totalBytes &+ UInt64(block.count)) &* 8
        block.append(0x80)
        if block.count > Self.blockSize - 8 {
            while block.count < Self.blockSize { block.append(0) }
            let full = block  // a copy: `compress` mutates self while reading it
            full.withUnsafeBytes { compress($0) }
            block.removeAll(keepingCapacity: true)
        }
        while block.count < Self.blockSize - 8 { block.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { block.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let full = block  // a copy: `compress` mutates self while reading it
        full.withUnsafeBytes { compress($0) }
        var digest: [UInt8] = []
        digest.reserveCapacity(20)
        for word in [state.0, state.1, state.2, state.3, state.4] {
            for shift in stride(from: 24, through: 0, by: -8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return digest
    }

    /// FIPS 180-4 §6.1.2: processes one 64-byte block.
    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        totalBytes &+= UInt64(Self.blockSize)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for t in 0..<16 {
                w[t] = UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16
                    | UInt32(block[4 * t + 2]) << 8 | UInt32(block[4 * t + 3])
            }
            for t in 16..<80 { w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1) }
            var (a, b, c, d, e) = state
            for t in 0..<80 {
                let f: UInt32, k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                e = d; d = c; c = rotl(b, 30); b = a; a = temp
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
        }
    }

    @inline(__always) private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }
}
