/// The sizes an HTTP/1.1 parser accepts before refusing a message. Every limit is checked before the
/// bytes it guards are buffered, so a parser never holds more than the limits plus one read.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Request line or status line, without its line end. Over it: 414 (request).
    public static let defaultMaxStartLineBytes = 8 * 1024
    /// Request-target (URI). Over it: 414. RFC 9112 §3 recommends supporting at least 8000 octets.
    public static let defaultMaxTargetBytes = 8 * 1024
    /// One header or trailer field line. Over it: 431.
    public static let defaultMaxFieldLineBytes = 8 * 1024
    /// All field lines of the header section (or of the trailer section) together. Over it: 431.
    public static let defaultMaxHeaderBytes = 16 * 1024
    /// Number of header (or trailer) fields. Over it: 431.
    public static let defaultMaxHeaderCount = 100
    /// Request body, content-length or chunked. Over it: 413.
    public static let defaultMaxBodyBytes = 1024 * 1024
    /// Response body on the client side (streamed TTS audio can be large). Over it: the parse fails.
    public static let defaultMaxResponseBodyBytes = 256 * 1024 * 1024
    /// A chunk-size line including chunk extensions (RFC 9112 §7.1.1). Over it: 400.
    public static let defaultMaxChunkLineBytes = 1024

    public var maxStartLineBytes: Int
    public var maxTargetBytes: Int
    public var maxFieldLineBytes: Int
    public var maxHeaderBytes: Int
    public var maxHeaderCount: Int
    public var maxBodyBytes: Int
    public var maxChunkLineBytes: Int

    public init(
        maxStartLineBytes: Int = defaultMaxStartLineBytes,
        maxTargetBytes: Int = defaultMaxTargetBytes,
        maxFieldLineBytes: Int = defaultMaxFieldLineBytes,
        maxHeaderBytes: Int = defaultMaxHeaderBytes,
        maxHeaderCount: Int = defaultMaxHeaderCount,
        maxBodyBytes: Int = defaultMaxBodyBytes,
        maxChunkLineBytes: Int = defaultMaxChunkLineBytes
    ) {
        self.maxStartLineBytes = max(0, maxStartLineBytes)
        self.maxTargetBytes = max(0, maxTargetBytes)
        self.maxFieldLineBytes = max(0, maxFieldLineBytes)
        self.maxHeaderBytes = max(0, maxHeaderBytes)
        self.maxHeaderCount = max(0, maxHeaderCount)
        self.maxBodyBytes = max(0, maxBodyBytes)
        self.maxChunkLineBytes = max(0, maxChunkLineBytes)
    }

    /// Defaults for parsing responses on the client side: a larger body allowance.
    public static let client = HTTPParserLimits(maxBodyBytes: defaultMaxResponseBodyBytes)
}
