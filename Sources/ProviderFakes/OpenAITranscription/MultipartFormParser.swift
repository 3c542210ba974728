/// Splits a `multipart/form-data` body (RFC 7578) into named parts, for the fake transcription server
/// to read what a client uploaded. Pure; a body it cannot read gives nil.
enum MultipartFormParser {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var body: [UInt8]
    }

    /// The boundary parameter of a `Content-Type: multipart/form-data; boundary=...` value.
    static func boundary(fromContentType value: String) -> String? {
        guard value.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingPrefix(" ") }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var boundary = String(pair[1])
            if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 { boundary = String(boundary.dropFirst().dropLast()) }
            return boundary.isEmpty ? nil : boundary
        }
        return nil
    }

    static func parts(of body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array("--\(boundary)".utf8)
        var starts: [Int] = []
        var index = 0
        while let found = find(delimiter, in: body, from: index) {
            starts.append(found)
            index = found + delimiter.count
        }
        guard starts.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(starts, starts.dropFirst()) {
            var partStart = start + delimiter.count
            guard partStart + 2 <= end, body[partStart] == 0x0D, body[partStart + 1] == 0x0A else { return nil }
            partStart += 2
            let partEnd = end - 2  // CRLF before the next delimiter
            guard partEnd >= partStart, let headEnd = find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: partStart), headEnd <= partEnd else {
                return nil
            }
            let head = String(decoding: body[partStart..<headEnd], as: UTF8.self)
            guard let part = part(head: head, body: Array(body[(headEnd + 4)..<max(headEnd + 4, partEnd)])) else { return nil }
            parts.append(part)
        }
        return parts
    }

    private static func part(head: String, body: [UInt8]) -> Part? {
        var name: String?
        var filename: String?
        var contentType: String?
        for line in head.split(separator: "\r\n") {
            let lowered = line.lowercased()
            if lowered.hasPrefix("content-disposition:") {
                name = quotedParameter("name", in: String(line))
                filename = quotedParameter("filename", in: String(line))
            } else if lowered.hasPrefix("content-type:") {
                contentType = String(line.dropFirst("content-type:".count).trimmingPrefix(" "))
            }
        }
        guard let name else { return nil }
        return Part(name: name, filename: filename, contentType: contentType, body: body)
    }

    private static func quotedParameter(_ key: String, in line: String) -> String? {
        guard let range = line.firstRange(of: " \(key)=\"") ?? line.firstRange(of: ";\(key)=\"") else { return nil }
        let rest = line[range.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return nil
    }
}
