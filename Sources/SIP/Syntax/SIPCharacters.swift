/// Character classes of the SIP grammar (RFC 3261 §25.1), as one 256-entry table of bit flags so that
/// every class test is a single load. Bytes ≥ 0x80 belong to no class (UTF-8 is allowed only where a
/// rule says UTF8-NONASCII, and the rules that do check for it themselves).
enum SIPCharacters {
    struct Classes: OptionSet {
        let rawValue: UInt16
        static let alpha = Classes(rawValue: 1 << 0)
        static let digit = Classes(rawValue: 1 << 1)
        static let hexDigit = Classes(rawValue: 1 << 2)
        /// RFC 3261: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        static let token = Classes(rawValue: 1 << 3)
        /// RFC 3261: word adds ( ) < > : \ DQUOTE / [ ] ? { } to token (Call-ID).
        static let word = Classes(rawValue: 1 << 4)
        /// RFC 3986/3261: unreserved = alphanum / mark; mark = - _ . ! ~ * ' ( )
        static let unreserved = Classes(rawValue: 1 << 5)
        /// user-unreserved = & = + $ , ; ? /
        static let userUnreserved = Classes(rawValue: 1 << 6)
        /// password adds & = + $ , to unreserved.
        static let passwordExtra = Classes(rawValue: 1 << 7)
        /// param-unreserved = [ ] / : & + $
        static let paramUnreserved = Classes(rawValue: 1 << 8)
        /// hnv-unreserved = [ ] / ? : + $
        static let headerUnreserved = Classes(rawValue: 1 << 9)
        /// URI scheme characters after the first: ALPHA / DIGIT / + / - / .
        static let scheme = Classes(rawValue: 1 << 10)
    }

    static let table: [Classes] = {
        var table = [Classes](repeating: [], count: 256)
        func add(_ chars: String, _ classes: Classes) { for b in chars.utf8 { table[Int(b)].formUnion(classes) } }
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(b)].formUnion([.alpha, .token, .word, .unreserved, .scheme]) }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(b)].formUnion([.alpha, .token, .word, .unreserved, .scheme]) }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") {
            table[Int(b)].formUnion([.digit, .hexDigit, .token, .word, .unreserved, .scheme])
        }
        add("abcdefABCDEF", .hexDigit)
        add("-.!%*_+`'~", [.token, .word])
        add("()<>:\\\"/[]?{}", .word)
        add("-_.!~*'()", .unreserved)
        add("&=+$,;?/", .userUnreserved)
        add("&=+$,", .passwordExtra)
        add("[]/:&+$", .paramUnreserved)
        add("[]/?:+$", .headerUnreserved)
        add("+-.", .scheme)
        return table
    }()

    @inline(__always) static func has(_ byte: UInt8, _ classes: Classes) -> Bool {
        !table[Int(byte)].isDisjoint(with: classes)
    }
    @inline(__always) static func isToken(_ byte: UInt8) -> Bool { has(byte, .token) }
    @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool { has(byte, .alpha) }
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// ASCII case-insensitive comparison of bytes with a lowercase ASCII literal.
    static func equalsLowercased(_ bytes: ArraySlice<UInt8>, _ lowercaseLiteral: String) -> Bool {
        bytes.count == lowercaseLiteral.utf8.count
            && zip(bytes, lowercaseLiteral.utf8).allSatisfy { lowercased($0) == $1 }
    }

    static func isTokenString(_ string: String) -> Bool {
        !string.isEmpty && string.utf8.allSatisfy(isToken)
    }
}

extension String {
    /// Decodes bytes as UTF-8, replacing invalid sequences (values are bounded and validated by the caller).
    init(sipBytes bytes: ArraySlice<UInt8>) { self.init(decoding: bytes, as: UTF8.self) }

    /// ASCII case-insensitive equality.
    public func sipCaseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count
            && zip(utf8, other.utf8).allSatisfy { SIPCharacters.lowercased($0) == SIPCharacters.lowercased($1) }
    }

    /// ASCII lowercase (non-ASCII bytes unchanged).
    public var sipLowercased: String { String(decoding: utf8.map(SIPCharacters.lowercased), as: UTF8.self) }
}
