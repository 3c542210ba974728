/// The single-number headers, each bounded: Max-Forwards (RFC 3261 §20.22: 0–255), Content-Length
/// (§20.14, bounded by the caller's body limit), Expires and Min-Expires (§20.19, §20.23: delta-seconds
/// up to 2^32−1), Min-SE (RFC 4028 §5).
public enum NumericHeader {
    public static let maxForwardsLimit: UInt64 = 255
    public static let maxDeltaSeconds: UInt64 = UInt64(UInt32.max)

    /// One unsigned decimal, surrounded by optional white space, at most `maximum`.
    public static func parse(_ bytes: ArraySlice<UInt8>, maximum: UInt64, _ name: String) throws(SIPSyntaxError) -> UInt64 {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        guard let value = try scanner.decimal(maximum: maximum, name) else { throw scanner.error("\(name) must be a number") }
        try scanner.expectEnd(name)
        return value
    }

    public static func maxForwards(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> Int {
        Int(try parse(bytes, maximum: maxForwardsLimit, "Max-Forwards"))
    }

    public static func deltaSeconds(_ bytes: ArraySlice<UInt8>, _ name: String) throws(SIPSyntaxError) -> UInt32 {
        UInt32(try parse(bytes, maximum: maxDeltaSeconds, name))
    }
}
