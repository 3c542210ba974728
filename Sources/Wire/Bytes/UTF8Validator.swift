/// Incremental UTF-8 validation (Unicode §3.9, Table 3-7: no overlong forms, no surrogates, nothing
/// above U+10FFFF) that carries a partial sequence from one chunk to the next, so a WebSocket text
/// message can be checked fragment by fragment and fail fast.
public struct UTF8Validator: Sendable, Equatable {
    /// Continuation bytes still expected for the current sequence.
    private var pending: UInt8 = 0
    /// Allowed range for the next continuation byte (narrower right after E0, ED, F0, F4).
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// The high bit of each byte of a 64-bit word: set only by non-ASCII bytes.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    public init() {}

    /// True when the bytes seen so far end on a character boundary.
    public var isAtCharacterBoundary: Bool { pending == 0 }

    /// Validates the next bytes; returns the index of the first byte that cannot be valid UTF-8, or nil.
    public mutating func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while i < n {
            let b = bytes[i]
            if pending == 0 {
                if b < 0x80 {
                    // ASCII fast path: skip eight bytes at a time while none has the high bit set.
                    i += 1
                    while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & Self.highBits == 0 { i += 8 }
                    continue
                }
                switch b {
                case 0xC2...0xDF: pending = 1; lower = 0x80; upper = 0xBF
                case 0xE0: pending = 2; lower = 0xA0; upper = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: pending = 2; lower = 0x80; upper = 0xBF
                case 0xED: pending = 2; lower = 0x80; upper = 0x9F
                case 0xF0: pending = 3; lower = 0x90; upper = 0xBF
                case 0xF1...0xF3: pending = 3; lower = 0x80; upper = 0xBF
                case 0xF4: pending = 3; lower = 0x80; upper = 0x8F
                default: return i
                }
            } else {
                guard b >= lower && b <= upper else { return i }
                pending -= 1
                lower = 0x80; upper = 0xBF
            }
            i += 1
        }
        return nil
    }

    public mutating func validate(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { validate($0) }
    }

    /// True when `bytes` is complete, valid UTF-8.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        var validator = UTF8Validator()
        return validator.validate(bytes) == nil && validator.isAtCharacterBoundary
    }
}
