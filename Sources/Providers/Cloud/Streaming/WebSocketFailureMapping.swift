import Net
import Speech
import Wire

/// Maps how a provider WebSocket failed (`WebSocketClientError`) onto `ProviderError`: HTTP statuses
/// of a refused upgrade, deadlines, transport loss. Vendor close codes go through the dialect first.
/// Details never carry the API key (`SecretRedaction`). Pure.
enum WebSocketFailureMapping {
    /// Longest provider error text kept in a `badRequest` detail.
    static let maxDetailCharacters = 300

    /// A failure while connecting (before the session exists).
    static func connectFailure(_ error: WebSocketClientError, vendorDetail: (HTTPHeaders, String) -> String,
                               secret: String) -> ProviderError {
        switch error {
        case .handshakeRejected(let status, let headers, let body):
            return statusFailure(status, retryAfter: headers["Retry-After"],
                                 detail: { redact(vendorDetail(headers, body), secret) })
        case .timeout(.connect), .timeout(.tlsHandshake), .timeout(.upgrade):
            return .timeout(.connecting)
        case .invalidURL(let text):
            return .badRequest(detail: redact("invalid provider URL \(text)", secret))
        case .invalidRequest(let what):
            return .badRequest(detail: redact("invalid upgrade request: \(what)", secret))
        case .invalidHandshakeResponse(let what):
            return .malformedResponse(detail: redact("upgrade response: \(what)", secret))
        case .cancelled:
            return .cancelled
        default:
            return streamFailure(error, secret: secret)
        }
    }

    /// The failure an HTTP status means (RFC 9110 classes as the providers use them).
    static func statusFailure(_ status: Int, retryAfter: String?, detail: () -> String) -> ProviderError {
        switch status {
        case 401, 403: return .auth
        case 429: return .rateLimited(retryAfter: retryAfterDuration(retryAfter))
        case 500...599: return .overloaded
        default: return .badRequest(detail: "HTTP \(status): \(detail())")
        }
    }

    /// A failure after the upgrade that the dialect did not claim.
    static func streamFailure(_ error: WebSocketClientError, secret: String) -> ProviderError {
        switch error {
        case .timeout(.liveness): .timeout(.midStream)
        case .timeout: .timeout(.connecting)
        case .protocolError(_, let detail): .malformedResponse(detail: redact("WebSocket protocol: \(detail)", secret))
        case .cancelled: .cancelled
        case .closedByPeer(let code, _) where code == .tryAgainLater || code == .serviceRestart: .overloaded
        case .closedByPeer(let code, _) where code == .internalError: .overloaded
        default: .connectionLost
        }
    }

    /// RFC 9110 §10.2.3 delay-seconds; an HTTP-date or garbage gives nil.
    static func retryAfterDuration(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingEdges(" \t")), seconds >= 0, seconds <= 86_400 else { return nil }
        return .seconds(seconds)
    }

    static func redact(_ text: String, _ secret: String) -> String {
        let cut = text.count > maxDetailCharacters ? String(text.prefix(maxDetailCharacters)) + "…" : text
        return SecretRedaction.redact(cut, hiding: secret)
    }
}

extension String {
    /// The string without leading and trailing characters from `set`.
    func trimmingEdges(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
