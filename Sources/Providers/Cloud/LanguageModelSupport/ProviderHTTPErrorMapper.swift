import Foundation
import Wire
import Net
import Speech

/// Turns a non-2xx response (status, headers, the start of its body) or a client failure into the
/// `ProviderError` every router understands. Pure. Details quote the provider's own message
/// (`error.message` in OpenAI and Anthropic bodies) with every secret in `redacting` replaced by `***`,
/// so an API key echoed by a gateway never reaches a log.
public struct ProviderHTTPErrorMapper: Sendable {
    /// Longest provider message kept in a `badRequest` detail.
    public static let maxDetailCharacters = 300

    private let redacting: [String]

    public init(redacting secrets: [String]) {
        redacting = secrets.filter { !$0.isEmpty }
    }

    /// The error for a response with status `status`: 401/403 auth, 429 rate limited (with
    /// `retry-after` seconds or `retry-after-ms`), 5xx and 529 overloaded, 408 (the server gave up
    /// waiting) a first-response timeout and 409 (conflict, retryable per OpenAI) overloaded, other 4xx
    /// bad request.
    public func error(status: Int, headers: HTTPClientHeaders, body: [UInt8]) -> ProviderError {
        switch status {
        case 401, 403: return .auth
        case 429: return .rateLimited(retryAfter: Self.retryAfter(headers))
        case 500...599, 409: return .overloaded
        case 408: return .timeout(.firstResponse)
        default: return .badRequest(detail: "HTTP \(status): " + message(in: body))
        }
    }

    /// The error for a failure of the HTTP client itself.
    public func error(client failure: HTTPClientError, streamHasBegun: Bool) -> ProviderError {
        switch failure {
        case .connectFailed, .tlsFailed, .timeout(.connect): return .timeout(.connecting)
        case .timeout(.firstByte): return .timeout(.firstResponse)
        case .timeout(.idle): return .timeout(streamHasBegun ? .midStream : .firstResponse)
        case .invalidRequest(let text): return .badRequest(detail: redact(text))
        case .malformedResponse(let text): return .malformedResponse(detail: redact(text))
        case .transport, .bodyTooLarge, .bodyAlreadyConsumed, .clientShutDown: return .connectionLost
        }
    }

    /// The provider's message from `{"error":{"message":…}}` (or `{"message":…}`), else the body as
    /// text, shortened and redacted.
    public func message(in body: [UInt8]) -> String {
        let text: String
        if let json = try? JSONParser(maxBytes: body.count).parse(body), json.isObject {
            text = json["error"]?["message"]?.stringValue ?? json["message"]?.stringValue ?? json["error"]?.stringValue
                ?? String(decoding: body, as: UTF8.self)
        } else {
            text = String(decoding: body, as: UTF8.self)
        }
        return redact(String(text.prefix(Self.maxDetailCharacters)))
    }

    /// `text` with every secret replaced by `***`.
    public func redact(_ text: String) -> String {
        redacting.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// RFC 9110 §10.2.3 `retry-after` in seconds, or the `retry-after-ms` some gateways send.
    static func retryAfter(_ headers: HTTPClientHeaders) -> Duration? {
        if let milliseconds = headers["retry-after-ms"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
           milliseconds >= 0 {
            return .milliseconds(Int(milliseconds))
        }
        if let seconds = headers["retry-after"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), seconds >= 0 {
            return .milliseconds(Int(seconds * 1000))
        }
        return nil
    }
}
