/// Parses one whole JSON document (RFC 8259) from an untrusted peer: a provider's WebSocket text frame,
/// an error body, a tool's arguments. Pure, bounded and never traps: every limit comes from the
/// initializer, and input past one is refused with a `JSONParseError` naming the byte offset, so hostile
/// input costs bounded memory and stack.
///
/// Not incremental: callers hand it one complete message (a frame, a body, an SSE `data` field).
public struct JSONParser: Sendable {
    /// 4 MiB holds a Cartesia or ElevenLabs chunk of several seconds of 48 kHz PCM in base64 with room
    /// to spare; Deepgram results with word timings stay far under it.
    public static let defaultMaxBytes = 4 << 20
    /// Provider messages nest three to five levels; 64 leaves room and keeps recursion shallow.
    public static let defaultMaxDepth = 64
    /// Longest string, in bytes as written in the document (escapes counted as written): a whole
    /// base64 audio chunk fits.
    public static let defaultMaxStringBytes = 4 << 20
    /// Values in one document (every scalar, array and object counts one). A value costs tens of bytes
    /// in memory against one or two on the wire, so `[1,1,1,…]` is capped here rather than by bytes.
    public static let defaultMaxElements = 1 << 18

    public let maxBytes: Int
    public let maxDepth: Int
    public let maxStringBytes: Int
    public let maxElements: Int

    public init(maxBytes: Int = defaultMaxBytes, maxDepth: Int = defaultMaxDepth,
                maxStringBytes: Int = defaultMaxStringBytes, maxElements: Int = defaultMaxElements) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.maxElements = maxElements
    }

    /// The document in `bytes` (whitespace around it allowed, nothing else after it).
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        guard bytes.count <= maxBytes else {
            throw JSONParseError("document longer than \(maxBytes) bytes", at: maxBytes)
        }
        var cursor = JSONCursor(bytes: bytes, limits: self)
        cursor.skipWhitespace()
        let value = try cursor.value(depth: 0)
        cursor.skipWhitespace()
        guard cursor.offset == bytes.count else {
            throw JSONParseError("unexpected bytes after the document", at: cursor.offset)
        }
        return value
    }

    /// The document in `text`.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The document in `bytes`.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        try parse(Array(bytes))
    }
}

/// Why bytes are not a JSON document `JSONParser` accepts, and the byte offset where it noticed.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Offset into the document of the byte at fault (`maxBytes` for a document over the limit).
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset)" }
}
