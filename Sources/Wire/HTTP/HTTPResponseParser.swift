/// Client-side incremental HTTP/1.1 response parser (RFC 9112). Feed bytes with `append`, then call
/// `nextEvent()` until nil: `.head`, `.body` chunks, `.end`. Interim 1xx responses come out as their own
/// head and end before the final response. Set `requestMethod` to the method of the request being
/// answered before its response arrives (HEAD and CONNECT change the framing). A body with neither
/// Content-Length nor chunked framing runs until `finishInput()`.
///
/// After `101 Switching Protocols` (or a 2xx to CONNECT) the parser stops; `takeUnparsedBytes()` returns
/// what the server sent after the head (for instance the first WebSocket frames).
public struct HTTPResponseParser: Sendable {
    public enum Event: Sendable, Equatable {
        case head(HTTPResponseHead)
        case body([UInt8])
        case end(trailers: HTTPHeaders)
    }

    private var core: HTTPMessageParser

    public init(limits: HTTPParserLimits = .client, requestMethod: String = "GET") {
        core = HTTPMessageParser(role: .response, limits: limits)
        core.requestMethod = requestMethod
    }

    public var limits: HTTPParserLimits { core.limits }

    /// Method of the request the next response answers.
    public var requestMethod: String {
        get { core.requestMethod }
        set { core.requestMethod = newValue }
    }

    public var bufferedByteCount: Int { core.input.count }

    /// True after a response that switched protocols.
    public var hasSwitchedProtocols: Bool { if case .paused = core.state { true } else { false } }

    public mutating func append(_ bytes: [UInt8]) { core.input.append(bytes[...]) }
    public mutating func append(_ bytes: ArraySlice<UInt8>) { core.input.append(bytes) }
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { core.input.append(bytes) }

    /// The connection closed: ends a close-delimited body, fails a message cut short.
    public mutating func finishInput() { core.inputEnded = true }

    public mutating func nextEvent() throws(HTTPParseError) -> Event? {
        switch try core.next() {
        case .responseHead(let head): .head(head)
        case .body(let bytes): .body(bytes)
        case .end(let trailers): .end(trailers: trailers)
        case .requestHead, nil: nil
        }
    }

    public mutating func takeUnparsedBytes() -> [UInt8] { core.input.takeAll() }
}
