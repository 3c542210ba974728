/// One line found at the front of a `ByteQueue`: `length` content bytes then a CRLF or LF terminator.
struct HTTPLine {
    let length: Int
    let terminatorLength: Int
    var totalLength: Int { length + terminatorLength }
}

/// Finds HTTP/1.1 line ends (RFC 9112 §2.2): CRLF, or a bare LF which a recipient may accept; a bare CR
/// is refused. Scanning resumes where it stopped, so a line arriving a byte at a time costs O(n).
struct HTTPLineScanner {
    /// Bytes of the pending line already scanned without finding its end.
    private var scanned = 0

    /// The line at the front of `input`, nil when more bytes are needed, or an error: `tooLong` once
    /// the line's content would exceed `limit` bytes, `.bareCarriageReturn` at a CR not followed by LF.
    mutating func nextLine(in input: ByteQueue, limit: Int, tooLong: HTTPParseError.Kind) throws(HTTPParseError) -> HTTPLine? {
        enum Scan { case line(HTTPLine), needMore(Int), bareCR(Int), tooLong(Int) }
        let start = scanned
        let result: Scan = input.withBytes(from: 0, length: input.count) { bytes in
            var i = start
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == ASCII.lf { return .line(HTTPLine(length: i, terminatorLength: 1)) }
                if b == ASCII.cr {
                    guard i + 1 < n else { return .needMore(i) }
                    guard bytes[i + 1] == ASCII.lf else { return .bareCR(i) }
                    return .line(HTTPLine(length: i, terminatorLength: 2))
                }
                if i >= limit { return .tooLong(i) }
                i += 1
            }
            return .needMore(i)
        }
        switch result {
        case .line(let line): scanned = 0; return line
        case .needMore(let position): scanned = position; return nil
        case .bareCR(let position): throw HTTPParseError(.bareCarriageReturn, at: input.offset + position)
        case .tooLong(let position): throw HTTPParseError(tooLong, at: input.offset + position)
        }
    }

    mutating func reset() { scanned = 0 }
}
