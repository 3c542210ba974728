/// Server-side incremental HTTP/1.1 request parser (RFC 9112). Feed it bytes as they arrive with
/// `append`, then call `nextEvent()` until it returns nil: each request yields `.head`, zero or more
/// `.body` chunks (streamed, never buffered whole) and `.end`. Several pipelined requests in one read
/// come out one after the other. On error the server answers `error.status` and closes; the parser
/// keeps throwing the same error.
///
/// After a request asking to switch protocols (WebSocket upgrade, CONNECT) the parser pauses: the
/// server either switches (`takeUnparsedBytes()` hands over what followed the request) or declines
/// and calls `resumeAfterDeclinedUpgrade()`.
public struct HTTPRequestParser: Sendable {
    /// What the parser found, in stream order.
    public enum Event: Sendable, Equatable {
        case head(HTTPRequestHead)
        /// The next bytes of the body, after content-length or chunked framing is removed.
        case body([UInt8])
        /// The request is complete; `trailers` is empty unless a chunked body carried some.
        case end(trailers: HTTPHeaders)
    }

    private var core: HTTPMessageParser

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        core = HTTPMessageParser(role: .request, limits: limits)
    }

    public var limits: HTTPParserLimits { core.limits }

    /// Bytes received but not yet turned into events.
    public var bufferedByteCount: Int { core.input.count }

    /// True after a request that switches protocols has ended, until the caller decides.
    public var isPausedForUpgrade: Bool { if case .paused = core.state { true } else { false } }

    public mutating func append(_ bytes: [UInt8]) { core.input.append(bytes[...]) }
    public mutating func append(_ bytes: ArraySlice<UInt8>) { core.input.append(bytes) }
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { core.input.append(bytes) }

    /// Tells the parser the connection's input ended: a request cut short then fails with
    /// `.truncatedMessage`; between requests `nextEvent()` just returns nil.
    public mutating func finishInput() { core.inputEnded = true }

    /// The next event, nil when more bytes are needed (or while paused for an upgrade).
    public mutating func nextEvent() throws(HTTPParseError) -> Event? {
        switch try core.next() {
        case .requestHead(let head): .head(head)
        case .body(let bytes): .body(bytes)
        case .end(let trailers): .end(trailers: trailers)
        case .responseHead, nil: nil
        }
    }

    /// Hands over every byte received after the request that switched protocols.
    public mutating func takeUnparsedBytes() -> [UInt8] { core.input.takeAll() }

    /// The server answered the upgrade request normally: go on parsing HTTP requests.
    public mutating func resumeAfterDeclinedUpgrade() {
        if case .paused = core.state { core.state = .startLine }
    }
}
