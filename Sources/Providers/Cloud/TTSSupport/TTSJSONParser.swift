/// Why a provider's JSON message could not be read, and where (byte offset into the message).
public struct TTSJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var problem: String

    public init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "\(problem) at byte \(offset)" }
}

/// A strict RFC 8259 parser for one JSON message (a WebSocket text frame, an error body): pure, bounded
/// by `maxBytes` and `maxDepth`, returning a value or an error with an offset, never trapping on any input.
public struct TTSJSONParser: Sendable {
    /// Largest message accepted: 4 MiB holds a Cartesia or ElevenLabs chunk of several seconds of
    /// 48 kHz PCM in base64 with room to spare.
    public static let defaultMaxBytes = 4 << 20
    /// Deeper than any provider message (they nest three or four levels).
    public static let defaultMaxDepth = 32

    public let maxBytes: Int
    public let maxDepth: Int

    public init(maxBytes: Int = TTSJSONParser.defaultMaxBytes, maxDepth: Int = TTSJSONParser.defaultMaxDepth) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// Parses `text` as one JSON document (whitespace around it allowed).
    public func parse(_ text: String) throws(TTSJSONError) -> TTSJSONValue {
        try parse(bytes: Array(text.utf8))
    }

    public func parse(bytes: [UInt8]) throws(TTSJSONError) -> TTSJSONValue {
        guard bytes.count <= maxBytes else { throw TTSJSONError(offset: maxBytes, problem: "message longer than \(maxBytes) bytes") }
        var cursor = Cursor(bytes: bytes, maxDepth: maxDepth)
        let value = try cursor.value(depth: 0)
        cursor.skipWhitespace()
        guard cursor.index == bytes.count else { throw cursor.failure("trailing bytes after the JSON value") }
        return value
    }
}

private struct Cursor {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    func failure(_ problem: String) -> TTSJSONError { TTSJSONError(offset: index, problem: problem) }

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
    }

    mutating func value(depth: Int) throws(TTSJSONError) -> TTSJSONValue {
        guard depth <= maxDepth else { throw failure("nested deeper than \(maxDepth)") }
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("unexpected character")
        }
    }

    mutating func literal(_ word: String) throws(TTSJSONError) {
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw failure("invalid literal") }
            index += 1
        }
    }

    mutating func object(depth: Int) throws(TTSJSONError) -> TTSJSONValue {
        index += 1
        var members: [(String, TTSJSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw failure("expected ',' or '}'")
        }
    }

    mutating func array(depth: Int) throws(TTSJSONError) -> TTSJSONValue {
        index += 1
        var values: [TTSJSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(values)
        }
        while true {
            values.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(values) }
            throw failure("expected ',' or ']'")
        }
    }

    /// RFC 8259 §6: `-? int frac? exp?`, read into a Double.
    mutating func number() throws(TTSJSONError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else { skipDigits() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid fraction") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid exponent") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw TTSJSONError(offset: start, problem: "number out of range") }
        return value
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    mutating func skipDigits() { while index < bytes.count, isDigit(bytes[index]) { index += 1 } }

    /// A string with its escapes decoded; raw bytes must be valid UTF-8 without control characters.
    mutating func string() throws(TTSJSONError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                try appendRaw(bytes[runStart..<index], to: &scalars)
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(scalars)
                }
                index += 1
                scalars.append(try escape())
                runStart = index
            } else if byte < 0x20 {
                throw failure("control character in string")
            } else {
                index += 1
            }
        }
    }

    func appendRaw(_ run: ArraySlice<UInt8>, to scalars: inout String.UnicodeScalarView) throws(TTSJSONError) {
        guard !run.isEmpty else { return }
        guard let text = String(validating: run, as: UTF8.self) else {
            throw TTSJSONError(offset: run.startIndex, problem: "invalid UTF-8 in string")
        }
        scalars.append(contentsOf: text.unicodeScalars)
    }

    mutating func escape() throws(TTSJSONError) -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default: throw failure("invalid escape")
        }
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair; a lone surrogate is an error.
    mutating func unicodeEscape() throws(TTSJSONError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800...0xDBFF).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw failure("lone surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("lone surrogate") }
            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else { throw failure("invalid code point") }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw failure("lone surrogate") }
        return scalar
    }

    mutating func hex4() throws(TTSJSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("invalid hex digit")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
