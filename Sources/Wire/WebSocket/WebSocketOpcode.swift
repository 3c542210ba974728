/// Frame opcodes (RFC 6455 §5.2, §11.8). 0x3–0x7 and 0xB–0xF are reserved and refused with 1002.
public enum WebSocketOpcode: UInt8, Sendable, Equatable {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// RFC 6455 §5.5: opcodes with the high bit set are control frames.
    public var isControl: Bool { rawValue & 0x8 != 0 }
}

/// Which end of the connection a codec works for; it decides the masking rules (RFC 6455 §5.1):
/// a server receives masked frames and sends unmasked ones, a client the reverse.
public enum WebSocketRole: Sendable, Equatable {
    case server
    case client
}
