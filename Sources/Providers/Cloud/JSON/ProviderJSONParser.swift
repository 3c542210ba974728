/// Parses one whole JSON document (RFC 8259) from a provider message: pure, bounded, never traps.
/// Limits come from the initializer: a document over `maxBytes`, nesting over `maxDepth` or a string
/// over `maxStringBytes` is refused with an error naming the offset, so hostile input costs bounded
/// memory and stack.
public struct ProviderJSONParser: Sendable {
    /// Provider control messages are small; a Deepgram result with word timings for a long utterance
    /// stays well under 256 KiB.
    public static let defaultMaxBytes = 1 << 20
    /// Deepgram's deepest result nests 5 levels; 64 leaves room and keeps recursion shallow.
    public static let defaultMaxDepth = 64
    /// A transcript of minutes of speech fits.
    public static let defaultMaxStringBytes = 256 * 1024

    public let maxBytes: Int
    public let maxDepth: Int
    public let maxStringBytes: Int

    public init(maxBytes: Int = defaultMaxBytes, maxDepth: Int = defaultMaxDepth,
                maxStringBytes: Int = defaultMaxStringBytes) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
    }

    /// The document in `bytes` (whitespace around it allowed, nothing else after it).
    public func parse(_ bytes: [UInt8]) throws(ProviderJSONError) -> ProviderJSONValue {
        guard bytes.count <= maxBytes else { throw ProviderJSONError("document longer than \(maxBytes) bytes", at: maxBytes) }
        var cursor = ProviderJSONCursor(bytes: bytes, limits: self)
        cursor.skipWhitespace()
        let value = try cursor.value(depth: 0)
        cursor.skipWhitespace()
        guard cursor.offset == bytes.count else { throw ProviderJSONError("unexpected bytes after the document", at: cursor.offset) }
        return value
    }

    /// The document in `text`.
    public func parse(_ text: String) throws(ProviderJSONError) -> ProviderJSONValue {
        try parse(Array(text.utf8))
    }
}

/// The parser's position in one document.
struct ProviderJSONCursor {
    let bytes: [UInt8]
    let limits: ProviderJSONParser
    var offset = 0

    init(bytes: [UInt8], limits: ProviderJSONParser) {
        self.bytes = bytes
        self.limits = limits
    }

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    mutating func value(depth: Int) throws(ProviderJSONError) -> ProviderJSONValue {
        guard depth < limits.maxDepth else { throw ProviderJSONError("nesting deeper than \(limits.maxDepth)", at: offset) }
        guard let byte = current else { throw ProviderJSONError("document ends where a value was expected", at: offset) }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw ProviderJSONError("unexpected byte 0x\(String(byte, radix: 16))", at: offset)
        }
    }

    private mutating func object(depth: Int) throws(ProviderJSONError) -> ProviderJSONValue {
        offset += 1
        var members: [String: ProviderJSONValue] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { offset += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw ProviderJSONError("expected a member name", at: offset) }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw ProviderJSONError("expected ':'", at: offset) }
            offset += 1
            skipWhitespace()
            members[key] = try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return .object(members)
            default: throw ProviderJSONError("expected ',' or '}'", at: offset)
            }
        }
    }

    private mutating func array(depth: Int) throws(ProviderJSONError) -> ProviderJSONValue {
        offset += 1
        var elements: [ProviderJSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { offset += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"): offset += 1; return .array(elements)
            default: throw ProviderJSONError("expected ',' or ']'", at: offset)
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(ProviderJSONError) {
        let start = offset
        let expected = word.withUTF8Buffer { Array($0) }
        guard bytes.count - offset >= expected.count, Array(bytes[offset..<(offset + expected.count)]) == expected else {
            throw ProviderJSONError("invalid literal", at: start)
        }
        offset += expected.count
    }

    private mutating func number() throws(ProviderJSONError) -> Double {
        let start = offset
        if current == UInt8(ascii: "-") { offset += 1 }
        guard let first = current, Self.isDigit(first) else { throw ProviderJSONError("invalid number", at: start) }
        offset += 1
        if first != UInt8(ascii: "0") { while let byte = current, Self.isDigit(byte) { offset += 1 } }
        if current == UInt8(ascii: ".") {
            offset += 1
            guard let byte = current, Self.isDigit(byte) else { throw ProviderJSONError("invalid fraction", at: offset) }
            while let byte = current, Self.isDigit(byte) { offset += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard let byte = current, Self.isDigit(byte) else { throw ProviderJSONError("invalid exponent", at: offset) }
            while let byte = current, Self.isDigit(byte) { offset += 1 }
        }
        guard offset - start <= 64, let value = Double(String(decoding: bytes[start..<offset], as: UTF8.self)), value.isFinite else {
            throw ProviderJSONError("number out of range", at: start)
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
