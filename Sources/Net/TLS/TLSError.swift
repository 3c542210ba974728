/// Why a TLS context could not be built or a TLS connection failed. Messages carry OpenSSL's own error
/// strings (the thread's error queue, drained when the failure happened) so a log line says what the
/// library saw, e.g. `handshakeFailed("error:0A000086:SSL routines::certificate verify failed")`.
public enum TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A certificate, key or CA file could not be loaded, or the context could not be set up.
    case configuration(String)
    /// The handshake failed for a reason other than the peer's certificate (alert received, no shared
    /// cipher or version, malformed record).
    case handshakeFailed(String)
    /// The peer's certificate chain did not verify: OpenSSL's `X509_V_ERR_*` code and its reason, e.g.
    /// 20 "unable to get local issuer certificate", 62 "hostname mismatch".
    case certificateVerificationFailed(code: Int, reason: String)
    /// After the handshake, the peer sent something TLS does not allow (bad record MAC, unexpected message).
    case protocolError(String)
    /// More bytes would be held inside the engine than its limit allows: take outbound ciphertext first.
    case bufferLimitExceeded(limit: Int)
    /// The transport ended without the peer's close_notify: the data may have been cut short.
    case truncated
    /// Plaintext was sent after the connection was closed (locally, by the peer, or by a failure).
    case closed

    public var description: String {
        switch self {
        case .configuration(let message): "TLS configuration: \(message)"
        case .handshakeFailed(let message): "TLS handshake failed: \(message)"
        case .certificateVerificationFailed(let code, let reason): "TLS certificate verification failed: \(reason) (X509 error \(code))"
        case .protocolError(let message): "TLS protocol error: \(message)"
        case .bufferLimitExceeded(let limit): "TLS engine buffer limit of \(limit) bytes exceeded"
        case .truncated: "TLS connection closed without close_notify (truncated)"
        case .closed: "TLS connection is closed"
        }
    }
}
