extension ProviderJSONCursor {
    /// A quoted string at `offset`, escapes resolved; invalid UTF-8 and lone surrogates are refused.
    mutating func string() throws(ProviderJSONError) -> String {
        let start = offset
        offset += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { throw ProviderJSONError("unterminated string", at: start) }
            guard utf8.count <= limits.maxStringBytes else {
                throw ProviderJSONError("string longer than \(limits.maxStringBytes) bytes", at: start)
            }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: utf8, as: UTF8.self) else {
                    throw ProviderJSONError("string is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &utf8)
            case 0..<0x20:
                throw ProviderJSONError("control character in string", at: offset - 1)
            default:
                utf8.append(byte)
            }
        }
    }

    private mutating func escape(into utf8: inout [UInt8]) throws(ProviderJSONError) {
        guard let byte = current else { throw ProviderJSONError("unterminated escape", at: offset) }
        offset += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard current == UInt8(ascii: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                    throw ProviderJSONError("lone high surrogate", at: offset)
                }
                offset += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw ProviderJSONError("invalid low surrogate", at: offset - 4) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw ProviderJSONError("lone low surrogate", at: offset - 4)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw ProviderJSONError("invalid code point", at: offset - 4) }
            utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw ProviderJSONError("invalid escape", at: offset - 1)
        }
    }

    private mutating func hex4() throws(ProviderJSONError) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw ProviderJSONError("truncated \\u escape", at: offset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw ProviderJSONError("invalid hex digit", at: offset)
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
