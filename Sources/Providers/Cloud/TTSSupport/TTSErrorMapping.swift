import Net
import Speech
import Wire

/// Maps what a TTS provider's transport reports onto `ProviderError`: HTTP statuses with the provider's
/// own message, curl failures and WebSocket failures. Pure; never puts the API key in a message.
enum TTSErrorMapping {
    /// Longest provider message kept in `badRequest`/`malformedResponse` details.
    static let maxDetailCharacters = 300

    /// An HTTP error status (or a WebSocket upgrade refusal, or an in-band error's `status_code`).
    /// `quotaExhausted`: the vendor said the account is out of credit or characters; that is `.auth`
    /// (the same provider cannot serve it again soon, another provider can), whatever the status.
    static func forStatus(_ status: Int, retryAfter: Duration?, message: String?, quotaExhausted: Bool = false) -> ProviderError {
        if quotaExhausted { return .auth }
        switch status {
        case 401, 403, 402: return .auth
        case 429: return .rateLimited(retryAfter: retryAfter)
        case 408: return .timeout(.firstResponse)
        case 500...599: return .overloaded
        default: return .badRequest(detail: message.map { "HTTP \(status): \($0)" } ?? "HTTP \(status)")
        }
    }

    /// The human-readable message of a vendor's JSON error body, from the shapes the four vendors use:
    /// OpenAI `{"error":{"message"}}`, ElevenLabs `{"detail":{"message"}}` or `{"detail":[{"msg"}]}`,
    /// Deepgram `{"err_msg"}` or `{"message","details"}`, Cartesia `{"message"}`/`{"error"}`/`{"title"}`.
    /// Falls back to the body text (cut) when it is not JSON.
    static func providerMessage(body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        guard let json = try? JSONParser(maxBytes: 64 * 1024).parse(body) else {
            let text = String(decoding: body.prefix(maxDetailCharacters), as: UTF8.self)
            return text.isEmpty ? nil : text
        }
        return providerMessage(json: json)
    }

    static func providerMessage(json: JSONValue) -> String? {
        if let message = json["error"]?["message"]?.stringValue { return message }
        if let detail = json["detail"] {
            if let message = detail["message"]?.stringValue { return message }
            if let text = detail.stringValue { return text }
            if case .array(let items) = detail, let first = items.first?["msg"]?.stringValue { return first }
        }
        if let message = json["err_msg"]?.stringValue { return message }
        if let message = json["message"]?.stringValue {
            if let details = json["details"]?.stringValue { return "\(message) \(details)" }
            return message
        }
        return json["error"]?.stringValue ?? json["title"]?.stringValue
    }

    /// `text` cut to `maxDetailCharacters` with every occurrence of the secret replaced by `***`
    /// (some vendors echo part or all of a refused key).
    static func scrub(_ text: String, secret: String) -> String {
        var cleaned = SecretRedaction.redact(text, hiding: secret)
        if cleaned.count > maxDetailCharacters { cleaned = String(cleaned.prefix(maxDetailCharacters)) + "…" }
        return cleaned
    }

    /// A curl-side failure. `audioStarted` tells a stall from a missing first response.
    static func forHTTPClient(_ error: HTTPClientError, audioStarted: Bool) -> ProviderError {
        switch error {
        case .connectFailed, .tlsFailed, .timeout(.connect): .timeout(.connecting)
        case .timeout(.firstByte): .timeout(.firstResponse)
        case .timeout(.idle): .timeout(audioStarted ? .midStream : .firstResponse)
        case .transport, .clientShutDown, .bodyAlreadyConsumed: .connectionLost
        case .malformedResponse(let what): .malformedResponse(detail: "HTTP response: \(what)")
        case .bodyTooLarge(let limit): .malformedResponse(detail: "error body longer than \(limit) bytes")
        case .invalidRequest(let what): .badRequest(detail: "request refused before sending: \(what)")
        }
    }

    /// A WebSocket client failure (connecting or after).
    static func forWebSocket(_ error: WebSocketClientError, secret: String) -> ProviderError {
        switch error {
        case .invalidURL, .invalidRequest: return .badRequest(detail: "WebSocket request invalid")
        case .resolutionFailed, .connectFailed, .tlsFailed: return .timeout(.connecting)
        case .timeout(.connect), .timeout(.tlsHandshake), .timeout(.upgrade): return .timeout(.connecting)
        case .timeout(.liveness): return .timeout(.midStream)
        case .timeout(.closeHandshake), .connectionLost, .closed: return .connectionLost
        case .handshakeRejected(let status, let headers, let body):
            let message = providerMessage(body: Array(body.utf8)).map { scrub($0, secret: secret) }
            return forStatus(status, retryAfter: retryAfter(headers), message: message)
        case .invalidHandshakeResponse(let what): return .malformedResponse(detail: "WebSocket upgrade: \(what)")
        case .protocolError(_, let detail): return .malformedResponse(detail: "WebSocket: \(detail)")
        case .closedByPeer(let code, _):
            switch code?.rawValue {
            case 1008: return .auth  // RFC 6455 §7.4.1 policy violation: how providers refuse a key
            case 1013: return .overloaded  // try again later
            default: return .connectionLost
            }
        case .cancelled: return .cancelled
        }
    }

    /// RFC 9110 §10.2.3 delay-seconds.
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        guard let value = headers["Retry-After"], !value.isEmpty, value.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              let seconds = Int(value) else { return nil }
        return .seconds(seconds)
    }
}

extension ProviderError {
    /// The same error with the secret removed from its detail text.
    func scrubbed(secret: String) -> ProviderError {
        switch self {
        case .badRequest(let detail): .badRequest(detail: TTSErrorMapping.scrub(detail, secret: secret))
        case .malformedResponse(let detail): .malformedResponse(detail: TTSErrorMapping.scrub(detail, secret: secret))
        default: self
        }
    }
}
