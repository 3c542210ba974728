/// A read position in a slice of bytes, with the lexical pieces the SIP grammar is made of (RFC 3261
/// §25.1). Header values reach it unfolded (line folds already replaced by spaces), so linear white
/// space is only SP and HTAB. Every method stops at the end of the slice: nothing reads past it.
struct ByteScanner {
    let bytes: ArraySlice<UInt8>
    var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= bytes.endIndex }
    var peek: UInt8? { position < bytes.endIndex ? bytes[position] : nil }
    var remaining: ArraySlice<UInt8> { bytes[min(position, bytes.endIndex)...] }

    func error(_ reason: String) -> SIPSyntaxError { SIPSyntaxError(reason, at: position) }

    mutating func skipWhitespace() {
        while position < bytes.endIndex, SIPCharacters.isWhitespace(bytes[position]) { position += 1 }
    }

    /// Consumes `byte` if it is next.
    @discardableResult mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    /// RFC 3261 SEMI, COMMA, EQUAL, SLASH, COLON: SWS byte SWS. Consumes it (and the spaces around it)
    /// if present; otherwise leaves the position unchanged.
    mutating func consumeSeparator(_ byte: UInt8) -> Bool {
        let start = position
        skipWhitespace()
        guard consume(byte) else { position = start; return false }
        skipWhitespace()
        return true
    }

    /// The longest run of bytes satisfying `predicate` (possibly empty).
    mutating func take(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.endIndex, predicate(bytes[position]) { position += 1 }
        return bytes[start..<position]
    }

    /// RFC 3261 token, or nil (position unchanged) when none starts here.
    mutating func token() -> ArraySlice<UInt8>? {
        let run = take(while: SIPCharacters.isToken)
        return run.isEmpty ? nil : run
    }

    mutating func requireToken(_ what: String) throws(SIPSyntaxError) -> String {
        guard let token = token() else { throw error("expected \(what)") }
        return String(sipBytes: token)
    }

    /// A run of decimal digits as a bounded value: nil when there are none; an error when the value
    /// exceeds `maximum` (the digits are consumed without overflow, however many there are).
    mutating func decimal(maximum: UInt64, _ what: String) throws(SIPSyntaxError) -> UInt64? {
        let start = position
        let digits = take(while: SIPCharacters.isDigit)
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            value = value * 10 + UInt64(digit - 0x30)
            if value > maximum { throw SIPSyntaxError("\(what) exceeds \(maximum)", at: start) }
        }
        return value
    }

    /// RFC 3261 quoted-string at the current position (which must be DQUOTE): returns its content with
    /// quoted-pairs resolved. qdtext is LWS, %x21, %x23-5B, %x5D-7E or UTF-8 beyond ASCII; a quoted-pair
    /// is "\" followed by any byte but CR and LF. An unterminated string, or a backslash as the last byte,
    /// is an error.
    mutating func quotedString() throws(SIPSyntaxError) -> String {
        let start = position
        guard consume(0x22) else { throw error("expected a quoted string") }
        var content: [UInt8] = []
        while position < bytes.endIndex {
            let b = bytes[position]
            switch b {
            case 0x22:
                position += 1
                return String(decoding: content, as: UTF8.self)
            case 0x5C:
                guard position + 1 < bytes.endIndex else { throw SIPSyntaxError("backslash at the end of a quoted string", at: position) }
                let escaped = bytes[position + 1]
                guard escaped != 0x0D, escaped != 0x0A else { throw SIPSyntaxError("invalid quoted-pair", at: position) }
                content.append(escaped)
                position += 2
            case 0x20, 0x09, 0x21, 0x23...0x5B, 0x5D...0x7E, 0x80...:
                content.append(b)
                position += 1
            default:
                throw SIPSyntaxError("control character in a quoted string", at: position)
            }
        }
        throw SIPSyntaxError("unterminated quoted string", at: start)
    }

    mutating func expectEnd(_ context: String) throws(SIPSyntaxError) {
        skipWhitespace()
        guard isAtEnd else { throw error("unexpected character after \(context)") }
    }
}
