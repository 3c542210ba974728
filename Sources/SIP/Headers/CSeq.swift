/// CSeq (RFC 3261 §20.16): a sequence number below 2^31 (§8.1.1.5) and the method.
public struct CSeq: Hashable, Sendable, CustomStringConvertible {
    /// RFC 3261 §8.1.1.5: the sequence number MUST be less than 2^31.
    public static let maxSequence: UInt32 = (1 << 31) - 1

    public var sequence: UInt32
    public var method: SIPMethod

    public init(_ sequence: UInt32, _ method: SIPMethod) {
        self.sequence = sequence
        self.method = method
    }

    public var serialized: String { String(sequence) + " " + method.rawValue }
    public var description: String { serialized }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> CSeq {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        guard let number = try scanner.decimal(maximum: UInt64(maxSequence), "CSeq number") else {
            throw scanner.error("expected the CSeq number")
        }
        guard let next = scanner.peek, SIPCharacters.isWhitespace(next) else { throw scanner.error("expected white space in CSeq") }
        scanner.skipWhitespace()
        let method = try scanner.requireToken("CSeq method")
        try scanner.expectEnd("CSeq")
        return CSeq(UInt32(number), SIPMethod(method))
    }
}
