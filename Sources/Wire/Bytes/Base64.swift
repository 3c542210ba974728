/// RFC 4648 §4 base64 (standard alphabet, `=` padding), used for the WebSocket handshake and by
/// providers that carry audio as base64 text. Decoding is strict: no whitespace, padding required,
/// unused trailing bits must be zero.
public enum Base64 {
    /// RFC 4648 §4, Table 1.
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let padding: UInt8 = 0x3D
    /// Marks a byte that is not in the alphabet.
    static let invalid: UInt8 = 0xFF
    static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, symbol) in alphabet.enumerated() { table[Int(symbol)] = UInt8(index) }
        return table
    }()

    /// Encodes bytes as base64 text.
    public static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let input = Array(bytes)
        let outputCount = (input.count + 2) / 3 * 4
        let encoded = [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
            alphabet.withUnsafeBufferPointer { table in
                var o = 0
                var i = 0
                while i + 3 <= input.count {
                    let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                    out[o] = table[Int(v >> 18 & 63)]; out[o + 1] = table[Int(v >> 12 & 63)]
                    out[o + 2] = table[Int(v >> 6 & 63)]; out[o + 3] = table[Int(v & 63)]
                    i += 3; o += 4
                }
                let rest = input.count - i
                if rest > 0 {
                    let v = UInt32(input[i]) << 16 | (rest == 2 ? UInt32(input[i + 1]) << 8 : 0)
                    out[o] = table[Int(v >> 18 & 63)]; out[o + 1] = table[Int(v >> 12 & 63)]
                    out[o + 2] = rest == 2 ? table[Int(v >> 6 & 63)] : padding
                    out[o + 3] = padding
                }
            }
            initialized = outputCount
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes base64 text; nil when it is not canonical base64.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode(bytes: $0) }
    }

    /// Decodes base64 bytes (for instance a slice of a JSON document); nil when not canonical base64.
    public static func decode(bytes input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard input.count % 4 == 0 else { return nil }
        if input.isEmpty { return [] }
        var pad = 0
        if input[input.count - 1] == padding { pad += 1 }
        if input[input.count - 2] == padding { pad += 1 }
        let outputCount = input.count / 4 * 3 - pad
        var valid = true
        let decoded = [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
            decodeTable.withUnsafeBufferPointer { table in
                var o = 0
                var i = 0
                while i < input.count {
                    let isLast = i + 4 == input.count
                    let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                    let c = isLast && pad == 2 ? 0 : table[Int(input[i + 2])]
                    let d = isLast && pad >= 1 ? 0 : table[Int(input[i + 3])]
                    // Valid symbols are below 64; `invalid` (0xFF) sets the top bits.
                    if (a | b | c | d) & 0xC0 != 0 { valid = false; break }
                    let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    if isLast {
                        // RFC 4648 §3.5: the bits dropped by padding must be zero.
                        if (pad == 2 && v & 0xFFFF != 0) || (pad == 1 && v & 0xFF != 0) { valid = false; break }
                        out[o] = UInt8(v >> 16 & 0xFF)
                        if pad < 2 { out[o + 1] = UInt8(v >> 8 & 0xFF) }
                        if pad < 1 { out[o + 2] = UInt8(v & 0xFF) }
                    } else {
                        out[o] = UInt8(v >> 16 & 0xFF); out[o + 1] = UInt8(v >> 8 & 0xFF); out[o + 2] = UInt8(v & 0xFF)
                        o += 3
                    }
                    i += 4
                }
            }
            initialized = valid ? outputCount : 0
        }
        return valid ? decoded : nil
    }
}
