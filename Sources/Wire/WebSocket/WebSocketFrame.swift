/// One decoded WebSocket frame with its payload already unmasked.
public struct WebSocketFrame: Sendable, Equatable {
    public var fin: Bool
    /// RSV1, RSV2, RSV3 as the low three bits (RSV1 = 0b100), for extensions such as RFC 7692.
    public var reservedBits: UInt8
    public var opcode: WebSocketOpcode
    public var payload: [UInt8]

    public init(fin: Bool = true, reservedBits: UInt8 = 0, opcode: WebSocketOpcode, payload: [UInt8]) {
        self.fin = fin
        self.reservedBits = reservedBits
        self.opcode = opcode
        self.payload = payload
    }
}

/// The 4-byte key a client masks each frame with (RFC 6455 §5.3). The caller supplies it (from a
/// strong random source), so the codec stays pure.
public struct WebSocketMaskingKey: Sendable, Equatable {
    public let bytes: (UInt8, UInt8, UInt8, UInt8)

    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) { bytes = (b0, b1, b2, b3) }

    /// nil unless exactly four bytes are given.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 4 else { return nil }
        self.init(bytes[0], bytes[1], bytes[2], bytes[3])
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.bytes == rhs.bytes }

    /// The key repeated to 8 bytes, in memory order, for masking a word at a time.
    var pattern: UInt64 {
        var pattern: UInt64 = 0
        withUnsafeMutableBytes(of: &pattern) { p in
            p[0] = bytes.0; p[1] = bytes.1; p[2] = bytes.2; p[3] = bytes.3
            p[4] = bytes.0; p[5] = bytes.1; p[6] = bytes.2; p[7] = bytes.3
        }
        return pattern
    }

    /// XORs `source` with the key into `destination` (same length; may be the same memory).
    func apply(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) {
        let count = source.count
        let word = pattern
        var i = 0
        while i + 8 <= count {
            let value = source.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ word
            destination.storeBytes(of: value, toByteOffset: i, as: UInt64.self)
            i += 8
        }
        withUnsafeBytes(of: word) { key in
            while i < count {
                destination[i] = source[i] ^ key[i & 7]
                i += 1
            }
        }
    }
}
