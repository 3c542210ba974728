/// Byte values and character classes shared by the text-based codecs (HTTP, SSE).
enum ASCII {
    static let nul: UInt8 = 0x00
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let slash: UInt8 = 0x2F
    static let dot: UInt8 = 0x2E
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let del: UInt8 = 0x7F

    /// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" /
    /// "`" / "|" / "~" / DIGIT / ALPHA, as bitmaps of bytes 0–63 and 64–127 (tested against the list).
    static let tokenBitsLow: UInt64 = 0x03FF_6CFA_0000_0000
    static let tokenBitsHigh: UInt64 = 0x57FF_FFFF_C7FF_FFFE

    @inline(__always) static func isToken(_ b: UInt8) -> Bool {
        if b < 64 { return tokenBitsLow >> UInt64(b) & 1 != 0 }
        if b < 128 { return tokenBitsHigh >> UInt64(b - 64) & 1 != 0 }
        return false
    }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }
    @inline(__always) static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }

    /// RFC 9110 §5.5: field-vchar = VCHAR / obs-text, plus SP and HTAB inside a value.
    @inline(__always) static func isFieldValueByte(_ b: UInt8) -> Bool {
        b == tab || (b >= space && b != del)
    }

    /// Value of a hexadecimal digit, or nil.
    @inline(__always) static func hexValue(_ b: UInt8) -> Int? {
        switch b {
        case 0x30...0x39: return Int(b - 0x30)
        case 0x41...0x46: return Int(b - 0x41 + 10)
        case 0x61...0x66: return Int(b - 0x61 + 10)
        default: return nil
        }
    }

    @inline(__always) static func lowercased(_ b: UInt8) -> UInt8 {
        b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// ASCII case-insensitive equality of two strings, without allocating.
    static func caseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
        let left = a.utf8, right = b.utf8
        guard left.count == right.count else { return false }
        let contiguous = left.withContiguousStorageIfAvailable { l in
            right.withContiguousStorageIfAvailable { r in
                for i in 0..<l.count where lowercased(l[i]) != lowercased(r[i]) { return false }
                return true
            }
        }
        if let contiguous, let result = contiguous { return result }
        return left.elementsEqual(right) { lowercased($0) == lowercased($1) }
    }

    /// Strips leading and trailing SP/HTAB (RFC 9110 OWS) from a string.
    static func trimmingWhitespace(_ s: Substring) -> Substring {
        var s = s
        while let f = s.utf8.first, isWhitespace(f) { s = s.dropFirst() }
        while let l = s.utf8.last, isWhitespace(l) { s = s.dropLast() }
        return s
    }
}
