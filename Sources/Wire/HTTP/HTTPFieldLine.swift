/// Parses one field line, `field-name ":" OWS field-value OWS` (RFC 9112 §5), from a complete line.
/// `base` is the absolute offset of `line[0]`.
enum HTTPFieldLine {
    enum Parsed {
        case field(name: String, value: String)
        /// An obs-fold continuation line (leading SP/HTAB), only when folding is allowed.
        case continuation(String)
    }

    /// RFC 9112 §5.2: a server rejects obs-fold with 400; a user agent replaces it with SP.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, base: Int, allowFolding: Bool) throws(HTTPParseError) -> Parsed {
        if ASCII.isWhitespace(line[0]) {
            guard allowFolding else { throw HTTPParseError(.obsoleteLineFolding, at: base) }
            return .continuation(try value(line, from: 0, base: base))
        }
        var i = 0
        // RFC 9112 §5.1: no whitespace between the field name and the colon.
        while i < line.count, line[i] != ASCII.colon {
            guard ASCII.isToken(line[i]) else { throw HTTPParseError(.invalidFieldName, at: base + i) }
            i += 1
        }
        guard i > 0, i < line.count else { throw HTTPParseError(.invalidFieldName, at: base + i) }
        let name = String(decoding: UnsafeBufferPointer(rebasing: line[0..<i]), as: UTF8.self)
        return .field(name: name, value: try value(line, from: i + 1, base: base))
    }

    /// The value from `start` to the end of the line, OWS trimmed, after checking every byte.
    private static func value(_ line: UnsafeBufferPointer<UInt8>, from start: Int, base: Int) throws(HTTPParseError) -> String {
        var lower = start
        var upper = line.count
        while lower < upper, ASCII.isWhitespace(line[lower]) { lower += 1 }
        while upper > lower, ASCII.isWhitespace(line[upper - 1]) { upper -= 1 }
        for i in lower..<upper where !ASCII.isFieldValueByte(line[i]) {
            throw HTTPParseError(.invalidFieldValue, at: base + i)
        }
        return String(decoding: UnsafeBufferPointer(rebasing: line[lower..<upper]), as: UTF8.self)
    }
}
