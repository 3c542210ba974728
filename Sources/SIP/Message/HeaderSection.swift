/// Splits a message into its start line, header fields and the start of the body (RFC 3261 §7.3.1).
/// Lines end in CRLF (a bare LF is tolerated, a bare CR is not). A line starting with SP or HTAB
/// continues the previous field: its line end is overwritten with spaces in the buffer, so the field
/// value is one unfolded slice whose indices are still offsets in the message.
struct HeaderSection {
    struct Field {
        let name: Range<Int>
        let value: Range<Int>
        let start: Int
    }

    var startLine: Range<Int>
    var fields: [Field]
    var bodyStart: Int

    static func scan(_ buffer: inout [UInt8], maxHeaders: Int, maxFieldBytes: Int) throws(SIPParseError) -> HeaderSection {
        var index = 0
        // RFC 3261 §7.5: CRLFs before the start line are ignored.
        while index < buffer.count, buffer[index] == 0x0D || buffer[index] == 0x0A { index += 1 }
        guard index < buffer.count else { throw SIPParseError(.emptyMessage, at: 0) }
        guard let first = try nextLine(buffer, from: index, limit: maxFieldBytes) else {
            throw SIPParseError(.truncatedHeaderSection, at: buffer.count)
        }
        var section = HeaderSection(startLine: index..<first.contentEnd, fields: [], bodyStart: buffer.count)
        index = first.next
        var current: (start: Int, end: Int)?
        func finish(_ field: (start: Int, end: Int)?) throws(SIPParseError) {
            guard let field else { return }
            guard section.fields.count < maxHeaders else { throw SIPParseError(.tooManyHeaders, at: field.start) }
            section.fields.append(try split(buffer, field.start..<field.end))
        }
        while true {
            guard index < buffer.count else {
                // The datagram ended right after a header line: no empty line, no body.
                try finish(current)
                section.bodyStart = buffer.count
                return section
            }
            guard let line = try nextLine(buffer, from: index, limit: maxFieldBytes) else {
                throw SIPParseError(.truncatedHeaderSection, at: buffer.count)
            }
            if line.contentEnd == index {
                try finish(current)
                section.bodyStart = line.next
                return section
            }
            if buffer[index] == 0x20 || buffer[index] == 0x09 {
                guard let open = current else { throw SIPParseError(.invalidHeaderLine, at: index) }
                for fold in open.end..<index { buffer[fold] = 0x20 }
                guard line.contentEnd - open.start <= maxFieldBytes else { throw SIPParseError(.headerLineTooLong, at: open.start) }
                current = (open.start, line.contentEnd)
            } else {
                try finish(current)
                current = (index, line.contentEnd)
            }
            index = line.next
        }
    }

    /// The line at `start`: where its content ends and where the next line starts; nil when the bytes
    /// end before a line end. A CR not followed by LF is an error.
    private static func nextLine(_ buffer: [UInt8], from start: Int, limit: Int) throws(SIPParseError) -> (contentEnd: Int, next: Int)? {
        var index = start
        while index < buffer.count {
            switch buffer[index] {
            case 0x0A: return (index, index + 1)
            case 0x0D:
                guard index + 1 < buffer.count, buffer[index + 1] == 0x0A else { throw SIPParseError(.invalidLineEnding, at: index) }
                return (index, index + 2)
            default:
                if index - start > limit { throw SIPParseError(.headerLineTooLong, at: start) }
                index += 1
            }
        }
        return nil
    }

    /// `name HCOLON value`: name is a token, HCOLON = *( SP / HTAB ) ":" SWS; the value is trimmed.
    /// Control bytes may appear in a value only as a quoted-pair inside a quoted string (RFC 3261 §25.1);
    /// the value must be well-formed UTF-8.
    private static func split(_ buffer: [UInt8], _ line: Range<Int>) throws(SIPParseError) -> Field {
        var index = line.lowerBound
        while index < line.upperBound, SIPCharacters.isToken(buffer[index]) { index += 1 }
        let name = line.lowerBound..<index
        guard !name.isEmpty else { throw SIPParseError(.invalidHeaderLine, at: line.lowerBound) }
        while index < line.upperBound, SIPCharacters.isWhitespace(buffer[index]) { index += 1 }
        guard index < line.upperBound, buffer[index] == 0x3A else { throw SIPParseError(.invalidHeaderLine, at: index) }
        index += 1
        while index < line.upperBound, SIPCharacters.isWhitespace(buffer[index]) { index += 1 }
        var end = line.upperBound
        while end > index, SIPCharacters.isWhitespace(buffer[end - 1]) { end -= 1 }
        var position = index
        var quoted = false
        while position < end {
            let b = buffer[position]
            if quoted, b == 0x5C, position + 1 < end {
                position += 2
                continue
            }
            if b == 0x22 { quoted.toggle() }
            if (b < 0x20 && b != 0x09) || b == 0x7F { throw SIPParseError(.invalidHeaderLine, at: position) }
            position += 1
        }
        if let bad = UTF8Check.firstInvalidIndex(buffer[index..<end]) { throw SIPParseError(.invalidHeaderLine, at: bad) }
        return Field(name: name, value: index..<end, start: line.lowerBound)
    }
}
