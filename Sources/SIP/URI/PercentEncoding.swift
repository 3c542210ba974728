/// RFC 3261 §25.1 `escaped = "%" HEXDIG HEXDIG`: validation while parsing, decoding for comparisons.
enum PercentEncoding {
    /// Checks that every `%` in `bytes` starts a valid escape and every other byte satisfies `allowed`.
    /// A `%` at the end or followed by non-hex digits is an error (RFC 4475 §3.1.1.5, robustness §3).
    static func validate(_ bytes: ArraySlice<UInt8>, _ what: String,
                         allowed: (UInt8) -> Bool) throws(SIPSyntaxError) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b = bytes[index]
            if b == 0x25 {
                guard index + 2 < bytes.endIndex,
                      SIPCharacters.hexValue(bytes[index + 1]) != nil,
                      SIPCharacters.hexValue(bytes[index + 2]) != nil else {
                    throw SIPSyntaxError("invalid %-escape in \(what)", at: index)
                }
                index += 3
            } else {
                guard allowed(b) else { throw SIPSyntaxError("invalid character in \(what)", at: index) }
                index += 1
            }
        }
    }

    /// Decodes %-escapes (invalid ones are kept literally; parsed values never contain them).
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(0x25) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x25, index + 2 < bytes.count,
               let high = SIPCharacters.hexValue(bytes[index + 1]), let low = SIPCharacters.hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
