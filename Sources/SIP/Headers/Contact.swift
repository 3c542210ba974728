/// Contact (RFC 3261 §20.10): `*` (only in REGISTER, to remove all bindings) or a list of addresses with
/// `expires` (delta-seconds, bounded to 2^32−1) and `q` (0–1 with up to three decimals) parameters.
public enum ContactHeader: Hashable, Sendable {
    case wildcard
    case addresses([AddressHeader])

    public var addresses: [AddressHeader] {
        if case .addresses(let list) = self { return list }
        return []
    }

    public var serialized: String {
        switch self {
        case .wildcard: "*"
        case .addresses(let list): list.map(\.serialized).joined(separator: ", ")
        }
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(SIPSyntaxError) -> ContactHeader {
        var scanner = ByteScanner(bytes)
        scanner.skipWhitespace()
        if scanner.consume(0x2A) {
            try scanner.expectEnd("Contact *")
            return .wildcard
        }
        let list = try AddressHeader.parseList(bytes, "Contact", requireBrackets: false)
        for contact in list { try validate(contact, at: bytes.startIndex) }
        return .addresses(list)
    }

    static func validate(_ contact: AddressHeader, at offset: Int) throws(SIPSyntaxError) {
        if let expires = contact.parameters.first(named: "expires") {
            guard let value = expires.value, let seconds = UInt64(value), seconds <= NumericHeader.maxDeltaSeconds else {
                throw SIPSyntaxError("invalid Contact expires", at: offset)
            }
        }
        if let q = contact.parameters.first(named: "q") {
            guard let value = q.value, QValue.permille(value) != nil else { throw SIPSyntaxError("invalid Contact q", at: offset) }
        }
    }
}

extension AddressHeader {
    /// Contact `expires` parameter in seconds.
    public var expires: UInt32? { (parameters[parameter: "expires"] ?? nil).flatMap { UInt32($0) } }
    /// Contact `q` parameter in thousandths (0–1000).
    public var qPermille: Int? { (parameters[parameter: "q"] ?? nil).flatMap(QValue.permille) }
}

/// RFC 3261 qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), as thousandths.
enum QValue {
    static func permille(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first == 0x30 || first == 0x31 else { return nil }
        var value = Int(first - 0x30) * 1000
        guard bytes.count > 1 else { return value }
        guard bytes[1] == 0x2E, bytes.count <= 5 else { return nil }
        var scale = 100
        for digit in bytes.dropFirst(2) {
            guard SIPCharacters.isDigit(digit) else { return nil }
            value += Int(digit - 0x30) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }
}
