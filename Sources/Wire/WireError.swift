/// What every `Wire` parser error has in common: it names what was wrong and the absolute byte offset
/// (counted from the first byte the parser was ever given) where the problem was found.
///
/// Each codec has its own concrete error (`HTTPParseError`, `WebSocketError`, `SSEParseError`,
/// `WebSocketHandshakeError`) carrying the answer the peer should get (an HTTP status, a close code).
public protocol WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Absolute byte offset in the input stream where the problem was found.
    var offset: Int { get }
}
