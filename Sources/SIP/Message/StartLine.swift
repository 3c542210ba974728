/// Request-Line (`Method SP Request-URI SP SIP-Version`) or Status-Line (`SIP-Version SP Status-Code SP
/// Reason-Phrase`), RFC 3261 §7.1–7.2. Single spaces only (RFC 4475 §3.1.2.9, §3.1.2.10); the
/// Request-URI may not carry headers (§3.1.2.11, RFC 3261 §19.1.1).
enum StartLine {
    case request(SIPMethod, URI)
    case response(Int, String)

    var isResponse: Bool {
        if case .response = self { return true }
        return false
    }

    var method: SIPMethod? {
        if case .request(let method, _) = self { return method }
        return nil
    }

    static func parse(_ line: ArraySlice<UInt8>) throws(SIPParseError) -> StartLine {
        let start = line.startIndex
        if line.count >= 4, SIPCharacters.equalsLowercased(line.prefix(4), "sip/") {
            return try parseStatusLine(line)
        }
        guard let firstSpace = line.firstIndex(of: 0x20), let lastSpace = line.lastIndex(of: 0x20), firstSpace < lastSpace else {
            throw SIPParseError(.invalidStartLine("expected method, URI and version"), at: start)
        }
        let method = line[start..<firstSpace]
        guard !method.isEmpty, method.allSatisfy(SIPCharacters.isToken) else {
            throw SIPParseError(.invalidStartLine("invalid method"), at: start)
        }
        try checkVersion(line[(lastSpace + 1)...], isResponse: false)
        let uriBytes = line[(firstSpace + 1)..<lastSpace]
        guard !uriBytes.isEmpty, !uriBytes.contains(where: SIPCharacters.isWhitespace) else {
            throw SIPParseError(.invalidRequestURI("white space"), at: firstSpace + 1)
        }
        let uri: URI
        do { uri = try URIParser.parse(uriBytes) } catch {
            throw SIPParseError(.invalidRequestURI(error.reason), at: error.offset)
        }
        if case .sip(let sipURI) = uri, !sipURI.headers.isEmpty {
            throw SIPParseError(.invalidRequestURI("headers are not allowed"), at: firstSpace + 1)
        }
        return .request(SIPMethod(String(sipBytes: method)), uri)
    }

    private static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(SIPParseError) -> StartLine {
        let start = line.startIndex
        guard let space = line.firstIndex(of: 0x20) else {
            throw SIPParseError(.invalidStartLine("expected a status code"), at: start, isResponse: true)
        }
        try checkVersion(line[start..<space], isResponse: true)
        let codeStart = space + 1
        var codeEnd = codeStart
        while codeEnd < line.endIndex, SIPCharacters.isDigit(line[codeEnd]) { codeEnd += 1 }
        guard codeEnd - codeStart == 3, codeEnd == line.endIndex || line[codeEnd] == 0x20 else {
            throw SIPParseError(.invalidStartLine("status code must be three digits"), at: codeStart, isResponse: true)
        }
        let code = line[codeStart..<codeEnd].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (100...699).contains(code) else {
            throw SIPParseError(.invalidStartLine("status code out of range"), at: codeStart, isResponse: true)
        }
        let reason = codeEnd < line.endIndex ? line[(codeEnd + 1)...] : line[line.endIndex...]
        if let bad = reason.firstIndex(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) {
            throw SIPParseError(.invalidStartLine("control character in reason phrase"), at: bad, isResponse: true)
        }
        if let bad = UTF8Check.firstInvalidIndex(reason) {
            throw SIPParseError(.invalidStartLine("reason phrase is not UTF-8"), at: bad, isResponse: true)
        }
        return .response(code, String(sipBytes: reason))
    }

    /// `SIP/1*DIGIT.1*DIGIT` ("SIP" in any case); well-formed but not 2.0 → 505.
    private static func checkVersion(_ version: ArraySlice<UInt8>, isResponse: Bool) throws(SIPParseError) {
        let start = version.startIndex
        let parts = version.dropFirst(4).split(separator: 0x2E, omittingEmptySubsequences: false)
        guard version.count >= 4, SIPCharacters.equalsLowercased(version.prefix(4), "sip/"), parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy(SIPCharacters.isDigit) }) else {
            throw SIPParseError(.invalidStartLine("invalid SIP version"), at: start, isResponse: isResponse)
        }
        guard parts[0].elementsEqual([0x32]), parts[1].elementsEqual([0x30]) else {
            throw SIPParseError(.unsupportedVersion, at: start, isResponse: isResponse)
        }
    }
}
