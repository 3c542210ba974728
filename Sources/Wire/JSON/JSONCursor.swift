/// `JSONParser`'s position in one document: values, objects, arrays, literals and numbers.
struct JSONCursor {
    let bytes: [UInt8]
    let limits: JSONParser
    var offset = 0
    private var elementCount = 0

    init(bytes: [UInt8], limits: JSONParser) {
        self.bytes = bytes
        self.limits = limits
    }

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// RFC 8259 §2: insignificant whitespace is space, tab, LF and CR.
    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { offset += 1 }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < limits.maxDepth else { throw JSONParseError("nesting deeper than \(limits.maxDepth)", at: offset) }
        elementCount += 1
        guard elementCount <= limits.maxElements else {
            throw JSONParseError("more than \(limits.maxElements) values", at: offset)
        }
        guard let byte = current else { throw JSONParseError("document ends where a value was expected", at: offset) }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw JSONParseError("unexpected byte 0x\(String(byte, radix: 16))", at: offset)
        }
    }

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        offset += 1
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") { offset += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw JSONParseError("expected a member name", at: offset) }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw JSONParseError("expected ':'", at: offset) }
            offset += 1
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return .object(members)
            default: throw JSONParseError("expected ',' or '}'", at: offset)
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        offset += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { offset += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"): offset += 1; return .array(elements)
            default: throw JSONParseError("expected ',' or ']'", at: offset)
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = offset
        for byte in word.withUTF8Buffer({ Array($0) }) {
            guard current == byte else { throw JSONParseError("invalid literal", at: start) }
            offset += 1
        }
    }

    /// RFC 8259 §6: `-? int frac? exp?`, read into a finite Double.
    private mutating func number() throws(JSONParseError) -> Double {
        let start = offset
        if current == UInt8(ascii: "-") { offset += 1 }
        guard let first = current, Self.isDigit(first) else { throw JSONParseError("invalid number", at: offset) }
        offset += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if current == UInt8(ascii: ".") {
            offset += 1
            guard let byte = current, Self.isDigit(byte) else { throw JSONParseError("invalid fraction", at: offset) }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard let byte = current, Self.isDigit(byte) else { throw JSONParseError("invalid exponent", at: offset) }
            skipDigits()
        }
        guard let value = Double(String(decoding: bytes[start..<offset], as: UTF8.self)), value.isFinite else {
            throw JSONParseError("number out of range", at: start)
        }
        return value
    }

    private mutating func skipDigits() { while let byte = current, Self.isDigit(byte) { offset += 1 } }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
