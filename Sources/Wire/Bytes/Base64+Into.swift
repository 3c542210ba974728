extension Base64 {
    /// Decodes canonical base64 bytes into `output` without allocating (the per-frame media path).
    /// Returns the number of bytes written, or nil when the input is not canonical base64 or does not
    /// fit in `output`.
    public static func decode(bytes input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        guard input.count % 4 == 0 else { return nil }
        if input.isEmpty { return 0 }
        var pad = 0
        if input[input.count - 1] == padding { pad += 1 }
        if input[input.count - 2] == padding { pad += 1 }
        let outputCount = input.count / 4 * 3 - pad
        guard outputCount <= output.count else { return nil }
        return decodeTable.withUnsafeBufferPointer { table -> Int? in
            var o = 0
            var i = 0
            while i < input.count {
                let isLast = i + 4 == input.count
                let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                let c = isLast && pad == 2 ? 0 : table[Int(input[i + 2])]
                let d = isLast && pad >= 1 ? 0 : table[Int(input[i + 3])]
                // Valid symbols are below 64; `invalid` (0xFF) sets the top bits.
                if (a | b | c | d) & 0xC0 != 0 { return nil }
                let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                if isLast {
                    // RFC 4648 §3.5: the bits dropped by padding must be zero.
                    if (pad == 2 && v & 0xFFFF != 0) || (pad == 1 && v & 0xFF != 0) { return nil }
                    output[o] = UInt8(v >> 16 & 0xFF)
                    if pad < 2 { output[o + 1] = UInt8(v >> 8 & 0xFF) }
                    if pad < 1 { output[o + 2] = UInt8(v & 0xFF) }
                } else {
                    output[o] = UInt8(v >> 16 & 0xFF); output[o + 1] = UInt8(v >> 8 & 0xFF); output[o + 2] = UInt8(v & 0xFF)
                    o += 3
                }
                i += 4
            }
            return outputCount
        }
    }
}
