/// Call-ID (RFC 3261 §20.8): `word ["@" word]`, bounded in length (robustness §5: a long Call-ID has
/// overflowed fixed buffers elsewhere).
public enum CallID {
    /// Default bound on a Call-ID's length.
    public static let defaultMaxBytes = 256

    public static func parse(_ bytes: ArraySlice<UInt8>, maxBytes: Int = defaultMaxBytes) throws(SIPSyntaxError) -> String {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        let start = scanner.position
        let value = scanner.take { SIPCharacters.has($0, .word) || $0 == 0x40 }
        guard !value.isEmpty else { throw scanner.error("empty Call-ID") }
        guard value.count <= maxBytes else { throw SIPSyntaxError("Call-ID longer than \(maxBytes) bytes", at: start) }
        let ats = value.filter { $0 == 0x40 }.count
        guard ats <= 1, value.first != 0x40, value.last != 0x40 else { throw SIPSyntaxError("invalid Call-ID", at: start) }
        try scanner.expectEnd("Call-ID")
        return String(sipBytes: value)
    }
}
