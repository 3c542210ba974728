/// Parses request lines (RFC 9112 §3) and status lines (RFC 9112 §4) from one complete line.
/// `base` is the absolute offset of `line[0]`, used for error offsets.
enum HTTPStartLine {
    /// RFC 9112 §2.3: HTTP-name "/".
    static let versionPrefix: [UInt8] = Array("HTTP/".utf8)

    struct Request { let method: String; let target: String; let version: HTTPVersion }
    struct Status { let version: HTTPVersion; let status: Int; let reason: String }

    /// `method SP request-target SP HTTP-version`, single spaces, nothing else.
    static func parseRequest(_ line: UnsafeBufferPointer<UInt8>, base: Int, limits: HTTPParserLimits) throws(HTTPParseError) -> Request {
        var i = 0
        while i < line.count, line[i] != ASCII.space {
            guard ASCII.isToken(line[i]) else { throw HTTPParseError(.invalidMethod, at: base + i) }
            i += 1
        }
        guard i > 0 else { throw HTTPParseError(.invalidMethod, at: base) }
        guard i < line.count else { throw HTTPParseError(.invalidTarget, at: base + i) }
        let methodEnd = i
        let targetStart = i + 1
        i = targetStart
        while i < line.count, line[i] != ASCII.space {
            if i - targetStart >= limits.maxTargetBytes { throw HTTPParseError(.targetTooLong, at: base + i) }
            // RFC 9112 §3.2: no whitespace or controls in the target; non-ASCII must be percent-encoded.
            guard line[i] > ASCII.space && line[i] < ASCII.del else { throw HTTPParseError(.invalidTarget, at: base + i) }
            i += 1
        }
        guard i > targetStart else { throw HTTPParseError(.invalidTarget, at: base + i) }
        guard i < line.count else { throw HTTPParseError(.invalidVersion, at: base + i) }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[(i + 1)...]), base: base + i + 1)
        return Request(
            method: String(decoding: UnsafeBufferPointer(rebasing: line[0..<methodEnd]), as: UTF8.self),
            target: String(decoding: UnsafeBufferPointer(rebasing: line[targetStart..<i]), as: UTF8.self),
            version: version)
    }

    /// `HTTP-version SP status-code [SP reason-phrase]`; a missing SP after the code is tolerated.
    static func parseStatus(_ line: UnsafeBufferPointer<UInt8>, base: Int) throws(HTTPParseError) -> Status {
        let versionLength = 8
        guard line.count >= versionLength + 4, line[versionLength] == ASCII.space else {
            throw HTTPParseError(.invalidStatusLine, at: base + min(line.count, versionLength))
        }
        let version = try parseVersion(UnsafeBufferPointer(rebasing: line[0..<versionLength]), base: base)
        var status = 0
        for i in (versionLength + 1)...(versionLength + 3) {
            guard ASCII.isDigit(line[i]) else { throw HTTPParseError(.invalidStatusLine, at: base + i) }
            status = status * 10 + Int(line[i] - ASCII.zero)
        }
        // RFC 9110 §15: status codes are 100 through 599.
        guard (100...599).contains(status) else { throw HTTPParseError(.invalidStatusLine, at: base + versionLength + 1) }
        let afterCode = versionLength + 4
        var reason = ""
        if afterCode < line.count {
            guard line[afterCode] == ASCII.space else { throw HTTPParseError(.invalidStatusLine, at: base + afterCode) }
            for i in (afterCode + 1)..<line.count where !ASCII.isFieldValueByte(line[i]) {
                throw HTTPParseError(.invalidStatusLine, at: base + i)
            }
            reason = String(decoding: UnsafeBufferPointer(rebasing: line[(afterCode + 1)...]), as: UTF8.self)
        }
        return Status(version: version, status: status, reason: reason)
    }

    /// `HTTP/DIGIT.DIGIT` exactly (RFC 9112 §2.3, case-sensitive). Major versions other than 1 are
    /// well-formed but unsupported (505).
    static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>, base: Int) throws(HTTPParseError) -> HTTPVersion {
        for i in 0..<min(bytes.count, versionPrefix.count) where bytes[i] != versionPrefix[i] {
            throw HTTPParseError(.invalidVersion, at: base + i)
        }
        guard bytes.count == 8 else { throw HTTPParseError(.invalidVersion, at: base + min(bytes.count, 8)) }
        guard ASCII.isDigit(bytes[5]) else { throw HTTPParseError(.invalidVersion, at: base + 5) }
        guard bytes[6] == ASCII.dot else { throw HTTPParseError(.invalidVersion, at: base + 6) }
        guard ASCII.isDigit(bytes[7]) else { throw HTTPParseError(.invalidVersion, at: base + 7) }
        let version = HTTPVersion(major: Int(bytes[5] - ASCII.zero), minor: Int(bytes[7] - ASCII.zero))
        guard version.major == 1 else { throw HTTPParseError(.unsupportedVersion, at: base + 5) }
        return version
    }
}
