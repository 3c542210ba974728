/// Parses a session description (RFC 8866) from a message body. Pure and bounded: the body size, the
/// number and length of lines, of media descriptions and of formats per m= line are limited in the
/// initializer; payload types must be 0–127, ports 0–65535, rtpmap clock rates and channel counts and
/// ptime/maxptime are bounded. Lines end in CRLF or LF. `v=0` must come first and `o=` must be
/// present; `s=` and `t=` are tolerated when missing.
public struct SDPParser: Sendable {
    public static let defaultMaxBytes = 16 * 1024
    public static let defaultMaxLines = 512
    public static let defaultMaxLineBytes = 2048
    public static let defaultMaxMediaDescriptions = 16
    public static let defaultMaxFormats = 64

    public var maxBytes: Int
    public var maxLines: Int
    public var maxLineBytes: Int
    public var maxMediaDescriptions: Int
    public var maxFormats: Int
    public var maxPtimeMilliseconds: Int

    public init(maxBytes: Int = defaultMaxBytes, maxLines: Int = defaultMaxLines, maxLineBytes: Int = defaultMaxLineBytes,
                maxMediaDescriptions: Int = defaultMaxMediaDescriptions, maxFormats: Int = defaultMaxFormats,
                maxPtimeMilliseconds: Int = SDPLimits.defaultMaxPtimeMilliseconds) {
        self.maxBytes = maxBytes
        self.maxLines = maxLines
        self.maxLineBytes = maxLineBytes
        self.maxMediaDescriptions = maxMediaDescriptions
        self.maxFormats = maxFormats
        self.maxPtimeMilliseconds = maxPtimeMilliseconds
    }

    public func parse(_ bytes: [UInt8]) throws(SDPParseError) -> SessionDescription {
        guard bytes.count <= maxBytes else { throw SDPParseError("description larger than \(maxBytes) bytes", at: maxBytes) }
        var builder = SDPBuilder(parser: self)
        var index = 0
        var lineCount = 0
        while index < bytes.count {
            var end = index
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > index, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            if contentEnd > index {
                lineCount += 1
                guard lineCount <= maxLines else { throw SDPParseError("more than \(maxLines) lines", at: index) }
                guard contentEnd - index <= maxLineBytes else { throw SDPParseError("line longer than \(maxLineBytes) bytes", at: index) }
                try builder.add(bytes[index..<contentEnd], at: index)
            }
            index = end + 1
        }
        return try builder.finish()
    }
}

/// Accumulates lines into a `SessionDescription`, checking each as it comes.
struct SDPBuilder {
    let parser: SDPParser
    var sawVersion = false
    var origin: SDPOrigin?
    var sessionName: String?
    var connection: SDPConnection?
    var timing: [String] = []
    var attributes: [SDPAttribute] = []
    var otherLines: [SDPLine] = []
    var media: [MediaDescription] = []

    init(parser: SDPParser) { self.parser = parser }

    mutating func add(_ line: ArraySlice<UInt8>, at offset: Int) throws(SDPParseError) {
        guard line.count >= 2, line[line.startIndex + 1] == 0x3D, let type = line.first, type >= 0x61, type <= 0x7A else {
            throw SDPParseError("expected <letter>=<value>", at: offset)
        }
        if let bad = line.firstIndex(where: { $0 == 0x00 || $0 == 0x0D }) { throw SDPParseError("control byte in a line", at: bad) }
        if let bad = UTF8Check.firstInvalidIndex(line) { throw SDPParseError("line is not UTF-8", at: bad) }
        let bytes = line.dropFirst(2)
        let at = offset + 2
        guard sawVersion || type == 0x76 else { throw SDPParseError("v= must be the first line", at: offset) }
        switch type {
        case 0x76: // v
            guard !sawVersion, bytes.elementsEqual([0x30]) else { throw SDPParseError("v= must be 0 and appear once", at: at) }
            sawVersion = true
        case 0x6F: // o
            guard origin == nil, media.isEmpty else { throw SDPParseError("misplaced o=", at: offset) }
            origin = try SDPFieldParser.origin(bytes, at: at)
        case 0x73: // s
            guard sessionName == nil, media.isEmpty else { throw SDPParseError("misplaced s=", at: offset) }
            sessionName = String(sipBytes: bytes)
        case 0x74: // t
            guard media.isEmpty else { throw SDPParseError("misplaced t=", at: offset) }
            timing.append(String(sipBytes: bytes))
        case 0x63: // c
            let parsed = try SDPFieldParser.connection(bytes, at: at)
            if media.isEmpty {
                guard connection == nil else { throw SDPParseError("two session-level c= lines", at: offset) }
                connection = parsed
            } else {
                guard media[media.count - 1].connection == nil else { throw SDPParseError("two c= lines in one media", at: offset) }
                media[media.count - 1].connection = parsed
            }
        case 0x6D: // m
            guard media.count < parser.maxMediaDescriptions else { throw SDPParseError("too many m= lines", at: offset) }
            media.append(try SDPFieldParser.media(bytes, at: at, maxFormats: parser.maxFormats))
        case 0x61: // a
            let attribute = try SDPFieldParser.attribute(bytes, at: at, maxPtime: parser.maxPtimeMilliseconds)
            if media.isEmpty { attributes.append(attribute) } else { media[media.count - 1].attributes.append(attribute) }
        default:
            let kept = SDPLine(Character(UnicodeScalar(type)), String(sipBytes: bytes))
            if media.isEmpty { otherLines.append(kept) } else { media[media.count - 1].otherLines.append(kept) }
        }
    }

    func finish() throws(SDPParseError) -> SessionDescription {
        guard sawVersion else { throw SDPParseError("empty description", at: 0) }
        guard let origin else { throw SDPParseError("missing o=", at: 0) }
        for item in media where item.isRTP {
            for format in item.formats where SDPLimits.payloadType(format) == nil {
                throw SDPParseError("payload type \(format) outside 0–127", at: 0)
            }
        }
        let name = (sessionName ?? "").isEmpty ? "-" : sessionName ?? "-"
        var media = media
        for index in media.indices { media[index].otherLines = Self.canonicalOrder(media[index].otherLines, SDPSerializer.mediaGroup) }
        return SessionDescription(origin: origin, sessionName: name, connection: connection,
                                  timing: timing.isEmpty ? ["0 0"] : timing, attributes: attributes, media: media,
                                  otherLines: Self.canonicalOrder(otherLines, SDPSerializer.sessionGroup))
    }

    /// Stable sort of kept lines into the serializer's groups.
    static func canonicalOrder(_ lines: [SDPLine], _ group: (Character) -> Int) -> [SDPLine] {
        lines.enumerated().sorted { (group($0.element.type), $0.offset) < (group($1.element.type), $1.offset) }.map(\.element)
    }
}
