/// Why a connection or socket closed; delivered exactly once to its handler.
public enum CloseReason: Sendable, Equatable, CustomStringConvertible {
    /// Our side called `close()`.
    case local
    /// The peer closed (end of stream, or a hang-up with nothing left to read).
    case peerClosed
    /// Nothing was received and no queued byte could be sent for the idle timeout.
    case idleTimeout
    /// A client connect did not complete within its timeout.
    case connectTimeout
    /// The queued output passed the connection's hard limit (the consumer ignored back-pressure).
    case writeQueueOverflow
    /// The owning event loop shut down.
    case loopShutdown
    /// A system call failed (connection refused or reset, broken pipe, ...).
    case error(SystemError)
    /// A TLS layer failed: handshake or certificate error, protocol error, or truncation (the transport
    /// ended without the peer's close_notify).
    case tls(TLSError)
    /// A handshake on top of the byte stream (TLS, an HTTP upgrade) did not finish within its timeout.
    case handshakeTimeout

    public var description: String {
        switch self {
        case .local: "closed locally"
        case .peerClosed: "closed by peer"
        case .idleTimeout: "idle timeout"
        case .connectTimeout: "connect timeout"
        case .writeQueueOverflow: "write queue overflow"
        case .loopShutdown: "event loop shut down"
        case .error(let error): "\(error)"
        case .tls(let error): "\(error)"
        case .handshakeTimeout: "handshake timeout"
        }
    }
}
