extension JSONCursor {
    /// A quoted string at `offset`, escapes resolved (RFC 8259 §7); raw bytes must be valid UTF-8 without
    /// control characters, and lone surrogates are refused.
    mutating func string() throws(JSONParseError) -> String {
        let start = offset
        offset += 1
        var scalars = String.UnicodeScalarView()
        var runStart = offset
        while true {
            guard let byte = current else { throw JSONParseError("unterminated string", at: start) }
            guard byte == UInt8(ascii: "\"") || offset - start - 1 < limits.maxStringBytes else {
                throw JSONParseError("string longer than \(limits.maxStringBytes) bytes", at: start)
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                try appendRaw(bytes[runStart..<offset], to: &scalars)
                offset += 1
                if byte == UInt8(ascii: "\"") { return String(scalars) }
                scalars.append(try escape())
                runStart = offset
            case 0..<0x20:
                throw JSONParseError("control character in string", at: offset)
            default:
                offset += 1
            }
        }
    }

    private func appendRaw(_ run: ArraySlice<UInt8>, to scalars: inout String.UnicodeScalarView) throws(JSONParseError) {
        guard !run.isEmpty else { return }
        guard let text = String(validating: run, as: UTF8.self) else {
            throw JSONParseError("string is not valid UTF-8", at: run.startIndex)
        }
        scalars.append(contentsOf: text.unicodeScalars)
    }

    private mutating func escape() throws(JSONParseError) -> Unicode.Scalar {
        guard let byte = current else { throw JSONParseError("unterminated escape", at: offset) }
        offset += 1
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
        default: throw JSONParseError("invalid escape", at: offset - 1)
        }
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair; a lone surrogate is an error.
    private mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800...0xDBFF).contains(high) {
            guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                throw JSONParseError("lone high surrogate", at: offset)
            }
            offset += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError("invalid low surrogate", at: offset - 4) }
            let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(combined) else { throw JSONParseError("invalid code point", at: offset - 4) }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw JSONParseError("lone low surrogate", at: offset - 4) }
        return scalar
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw JSONParseError("truncated \\u escape", at: offset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError("invalid hex digit", at: offset)
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
