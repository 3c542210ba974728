import Wire

/// Why a WebSocket client connection could not be made or ended abnormally. Every failure a provider
/// stream can meet is one case, so a caller (a fallback router) can tell them apart without parsing text.
public enum WebSocketClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which deadline passed.
    public enum TimeoutKind: Sendable, Equatable {
        /// TCP connect (`Options.connectTimeout`, per address tried).
        case connect
        /// TLS handshake (`Options.handshakeTimeout`).
        case tlsHandshake
        /// The HTTP upgrade: no complete 101 within `Options.handshakeTimeout`.
        case upgrade
        /// Nothing arrived within `Options.livenessTimeout` of a keep-alive ping: the peer is dead.
        case liveness
        /// Our close frame got no answer within `Options.closeTimeout`.
        case closeHandshake
    }

    /// Not an absolute ws:// or wss:// URL.
    case invalidURL(String)
    /// A header or the target could not be written into a request (CR/LF injection, bad name).
    case invalidRequest(String)
    case resolutionFailed(ResolutionError)
    /// Every address refused or failed (the last error).
    case connectFailed(SystemError)
    /// The TLS handshake failed: certificate verification (`code` 20 unknown CA, 62 hostname mismatch),
    /// protocol, or truncation.
    case tlsFailed(TLSError)
    /// The server answered the upgrade with a status other than 101: status, headers and the start of
    /// the body (a provider's error message, e.g. Deepgram's 401 JSON).
    case handshakeRejected(status: Int, headers: HTTPHeaders, body: String)
    /// A 101 that breaks RFC 6455 §4.1 (wrong accept value, unoffered subprotocol or extension), or a
    /// response that is not HTTP.
    case invalidHandshakeResponse(String)
    /// The server broke the protocol (or sent a message over `maxMessageBytes`); we closed with `code`.
    case protocolError(code: WebSocketCloseCode, detail: String)
    case timeout(TimeoutKind)
    /// The server closed the WebSocket with this code (nil: a close frame without a code) and reason.
    case closedByPeer(code: WebSocketCloseCode?, reason: String)
    /// The connection ended without a close handshake (RFC 6455 1006): reset, EOF, write overflow.
    case connectionLost(CloseReason)
    /// Sent after the connection closed or started closing.
    case closed
    /// The connecting task was cancelled, or the event loop shut down.
    case cancelled

    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid WebSocket URL \(url.debugDescription)"
        case .invalidRequest(let what): "invalid upgrade request: \(what)"
        case .resolutionFailed(let error): "\(error)"
        case .connectFailed(let error): "connect failed: \(error)"
        case .tlsFailed(let error): "\(error)"
        case .handshakeRejected(let status, _, let body): "upgrade rejected with HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        case .invalidHandshakeResponse(let what): "invalid upgrade response: \(what)"
        case .protocolError(let code, let detail): "WebSocket protocol error (closed with \(code)): \(detail)"
        case .timeout(let kind): "WebSocket \(kind) timeout"
        case .closedByPeer(let code, let reason): "closed by peer with \(code.map(String.init(describing:)) ?? "no code")" + (reason.isEmpty ? "" : ": \(reason)")
        case .connectionLost(let reason): "connection lost: \(reason)"
        case .closed: "the WebSocket connection is closed"
        case .cancelled: "cancelled"
        }
    }

    /// How a transport close that came before the WebSocket's own close reads to the caller.
    static func from(transportClose reason: CloseReason, phase: WebSocketClientPhase) -> WebSocketClientError {
        switch reason {
        case .tls(let error): return .tlsFailed(error)
        case .handshakeTimeout: return .timeout(.tlsHandshake)
        case .connectTimeout: return .timeout(.connect)
        case .loopShutdown: return phase == .open ? .connectionLost(reason) : .cancelled
        case .error(let error) where phase == .connecting: return .connectFailed(error)
        default: return .connectionLost(reason)
        }
    }
}
