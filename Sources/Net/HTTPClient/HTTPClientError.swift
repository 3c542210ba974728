import CCurl

/// Which deadline of `HTTPClientTimeouts` passed.
public enum HTTPClientTimeoutKind: Sendable, Equatable {
    case connect
    case firstByte
    case idle
}

/// Why a streaming request failed. HTTP error statuses are not errors: they come back in the head.
/// Messages carry curl's own error text (its CURLOPT_ERRORBUFFER) when curl reported the failure.
public enum HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Name resolution or TCP connect failed (refused, unreachable).
    case connectFailed(String)
    /// TLS handshake or certificate verification failed.
    case tlsFailed(String)
    case timeout(HTTPClientTimeoutKind)
    /// The connection broke or the peer misbehaved mid-transfer: curl's code and message.
    case transport(code: Int, message: String)
    /// The response head broke HTTP rules or our limits.
    case malformedResponse(String)
    /// The request cannot be sent as given (bad URL, header with CR/LF, unsupported scheme).
    case invalidRequest(String)
    /// `collect(upTo:)` met a body longer than its limit.
    case bodyTooLarge(limit: Int)
    /// The body was iterated a second time, or by two tasks at once (it is single pass).
    case bodyAlreadyConsumed
    /// The client was shut down before the transfer ended.
    case clientShutDown

    public var description: String {
        switch self {
        case .connectFailed(let message): "connect failed: \(message)"
        case .tlsFailed(let message): "TLS failed: \(message)"
        case .timeout(let kind): "\(kind) timeout"
        case .transport(let code, let message): "transport error \(code): \(message)"
        case .malformedResponse(let message): "malformed response: \(message)"
        case .invalidRequest(let message): "invalid request: \(message)"
        case .bodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .bodyAlreadyConsumed: "response body already consumed (it is single pass)"
        case .clientShutDown: "HTTP client shut down"
        }
    }

    /// The typed error for a curl result code. Only the connect phase has a curl-side timeout
    /// (CURLOPT_CONNECTTIMEOUT_MS); first-byte and idle deadlines are enforced by the driver.
    static func fromCurl(_ code: CURLcode, message: String) -> HTTPClientError {
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT:
            .invalidRequest(message)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            .connectFailed(message)
        case CURLE_OPERATION_TIMEDOUT:
            .timeout(.connect)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
             CURLE_SSL_CLIENTCERT, CURLE_SSL_ENGINE_INITFAILED:
            .tlsFailed(message)
        default:
            .transport(code: Int(code.rawValue), message: message)
        }
    }
}
