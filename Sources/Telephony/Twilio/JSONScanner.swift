/// A minimal forward scanner over JSON bytes for the `media` fast path: walks an object's keys and
/// skips values it does not need, without building anything. Strings are returned as raw byte ranges
/// (escapes are not decoded; the fields read through it — `event`, `track`, `payload` — never contain
/// any). Nesting is bounded by `maxDepth`.
struct JSONScanner {
    /// Deeper nesting than any Twilio message has; bounds recursion on hostile input.
    static let maxDepth = 16

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func failure(_ detail: String) -> TwilioMessageError { TwilioMessageError(.malformedJSON, at: index, detail) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) or fails.
    mutating func expect(_ byte: UInt8) throws(TwilioMessageError) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { throw failure("expected '\(Character(UnicodeScalar(byte)))'") }
        index += 1
    }

    /// Consumes `byte` if it comes next (after whitespace).
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A string's raw content range (between the quotes).
    mutating func string() throws(TwilioMessageError) -> Range<Int> {
        try expect(0x22)
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x22:
                index += 1
                return start..<(index - 1)
            case 0x5C:
                index += 2
            case 0x00..<0x20:
                throw failure("control character in string")
            default:
                index += 1
            }
        }
        throw failure("unterminated string")
    }

    /// Walks an object, calling `field` with each key's raw range; `field` must consume the value
    /// (or call `skipValue`).
    mutating func object(depth: Int = 0,
                         _ field: (inout JSONScanner, Range<Int>, Int) throws(TwilioMessageError) -> Void) throws(TwilioMessageError) {
        guard depth < Self.maxDepth else { throw failure("nested too deeply") }
        try expect(0x7B)
        if consume(0x7D) { return }
        repeat {
            let key = try string()
            try expect(0x3A)
            try field(&self, key, depth + 1)
        } while consume(0x2C)
        try expect(0x7D)
    }

    /// Skips any value.
    mutating func skipValue(depth: Int) throws(TwilioMessageError) {
        guard depth < Self.maxDepth else { throw failure("nested too deeply") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("value expected") }
        switch bytes[index] {
        case 0x22:
            _ = try string()
        case 0x7B:
            try object(depth: depth) { scanner, _, depth throws(TwilioMessageError) in try scanner.skipValue(depth: depth) }
        case 0x5B:
            index += 1
            if consume(0x5D) { return }
            repeat { try skipValue(depth: depth + 1) } while consume(0x2C)
            try expect(0x5D)
        default:
            let start = index
            while index < bytes.count, Self.isScalarByte(bytes[index]) { index += 1 }
            if index == start { throw failure("value expected") }
        }
    }

    /// Bytes of numbers and the literals true/false/null.
    static func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x2B, 0x2D, 0x2E, 0x45, 0x65, 0x61...0x7A: return true
        default: return false
        }
    }

    /// Whether the raw bytes at `range` equal `literal`.
    func matches(_ range: Range<Int>, _ literal: StaticString) -> Bool {
        guard range.count == literal.utf8CodeUnitCount else { return false }
        let pointer = literal.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != pointer[offset] { return false }
        return true
    }
}
