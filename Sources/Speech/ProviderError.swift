/// The one error vocabulary every STT, LLM and TTS adapter speaks, so routers, circuit breakers and the
/// turn machine decide on failures without knowing any vendor. Adapters map each vendor's status codes,
/// close codes and stream errors onto these cases; a stream reports at most one of them, as its last event.
public enum ProviderError: Error, Sendable, Hashable {
    /// Where in a stream's life a deadline was missed.
    public enum Stage: String, Sendable, Hashable {
        /// Opening the connection or sending the request (TCP, TLS, HTTP headers, WebSocket upgrade).
        case connecting
        /// The request was sent; the first result, token or audio byte did not arrive in time.
        case firstResponse
        /// The stream had started, then its next expected event did not arrive in time (a stall).
        case midStream
    }

    /// The credentials were refused (HTTP 401/403, a WebSocket close for policy). Retrying the same
    /// provider cannot help; the next provider may work.
    case auth
    /// The provider asked us to slow down (HTTP 429, a rate-limit close). `retryAfter` is the provider's
    /// hint when it gave one.
    case rateLimited(retryAfter: Duration?)
    /// The provider said it is busy or failing (HTTP 5xx, "overloaded" errors).
    case overloaded
    /// The provider rejected the request as malformed or unsupported (HTTP 400/404/422): our request or
    /// configuration is wrong for this provider. `detail` says what the provider objected to.
    case badRequest(detail: String)
    /// A deadline was missed at `stage`; the adapter has already aborted the request.
    case timeout(Stage)
    /// The connection closed or reset before the stream finished.
    case connectionLost
    /// The provider sent bytes we could not decode (bad JSON, an unknown event, audio in the wrong format).
    /// `detail` names what was wrong and where.
    case malformedResponse(detail: String)
    /// The stream was cancelled by its owner. Never a provider fault: routers must not fail over on it
    /// and breakers must not count it.
    case cancelled

    /// Whether trying the same provider again (after `retryAfter` or a short backoff) may succeed.
    /// Auth, bad requests and undecodable responses repeat on the same provider; cancellation is not a failure.
    public var isRetryableOnSameProvider: Bool {
        switch self {
        case .rateLimited, .overloaded, .timeout, .connectionLost: true
        case .auth, .badRequest, .malformedResponse, .cancelled: false
        }
    }

    /// Whether a fallback provider should be tried. Every failure class is worth the next provider (a
    /// 401 from one vendor says nothing about another's key); only cancellation is not a failure at all.
    public var isRetryableOnAnotherProvider: Bool { self != .cancelled }

    /// Whether a circuit breaker should count this outcome as a failure of the provider.
    public var countsAgainstProvider: Bool { self != .cancelled }
}

extension ProviderError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .auth: "authentication refused"
        case .rateLimited(let after?): "rate limited (retry after \(after))"
        case .rateLimited(nil): "rate limited"
        case .overloaded: "provider overloaded"
        case .badRequest(let detail): "bad request: \(detail)"
        case .timeout(let stage): "timed out (\(stage.rawValue))"
        case .connectionLost: "connection lost"
        case .malformedResponse(let detail): "malformed response: \(detail)"
        case .cancelled: "cancelled"
        }
    }
}
