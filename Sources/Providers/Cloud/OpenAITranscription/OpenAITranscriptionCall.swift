import Agents
import Media
import Net
import Speech

/// One `/audio/transcriptions` request for one utterance: the WAV and form fields, the HTTP call, and
/// the mapping of every way it can fail onto `ProviderError` (never with the key in a detail).
struct OpenAITranscriptionCall: Sendable {
    /// Longest response body read (a transcript of minutes of speech is a few KiB).
    static let maxResponseBytes = 1 << 20

    let settings: OpenAITranscriptionSettings
    let request: TranscriptionRequest
    let apiKey: Secret
    let http: StreamingHTTPClient
    let decoder = OpenAITranscriptionDecoder()

    /// The multipart body for `samples` (16-bit PCM at the request's rate).
    func form(for samples: [Int16]) -> MultipartFormData {
        var form = MultipartFormData(boundary: MultipartFormData.randomBoundary())
        let wav = WavWriter.encode(samples, format: WavFormat(request.format.sampleRate))
        form.addFile("file", filename: "utterance.wav", contentType: "audio/wav", bytes: wav)
        form.addField("model", settings.model)
        if let language = settings.languageCode(for: request) { form.addField("language", language) }
        if let prompt = settings.promptText(for: request) { form.addField("prompt", prompt) }
        form.addField("response_format", "json")
        return form
    }

    /// The transcript of `samples`.
    func transcribe(_ samples: [Int16]) async throws(ProviderError) -> String {
        let form = form(for: samples)
        var headers = HTTPClientHeaders()
        headers.add(name: "Authorization", value: "Bearer \(apiKey.reveal())")
        headers.add(name: "Content-Type", value: form.contentType)
        headers.add(name: "Accept", value: "application/json")
        let timeouts = HTTPClientTimeouts(connect: settings.connectTimeout, firstByte: settings.requestTimeout,
                                          idle: settings.requestTimeout)
        let call = HTTPClientRequest(url: settings.transcriptionsURL, method: "POST", headers: headers,
                                     body: form.finished(), timeouts: timeouts)
        let body: [UInt8]
        let head: HTTPClientResponseHead
        do {
            let response = try await http.stream(call)
            head = response.head
            body = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw failure(error)
        }
        guard head.isSuccess else {
            throw WebSocketFailureMapping.statusFailure(head.status, retryAfter: head.headers["Retry-After"]) {
                let text = decoder.errorMessage(body) ?? String(decoding: body.prefix(WebSocketFailureMapping.maxDetailCharacters), as: UTF8.self)
                return WebSocketFailureMapping.redact(text, apiKey.reveal())
            }
        }
        do {
            return try decoder.transcript(body)
        } catch {
            throw .malformedResponse(detail: WebSocketFailureMapping.redact(error.description, apiKey.reveal()))
        }
    }

    private func failure(_ error: any Error) -> ProviderError {
        if error is CancellationError || Task.isCancelled { return .cancelled }
        guard let error = error as? HTTPClientError else { return .connectionLost }
        switch error {
        case .timeout(.connect): return .timeout(.connecting)
        case .timeout(.firstByte): return .timeout(.firstResponse)
        case .timeout(.idle): return .timeout(.midStream)
        case .malformedResponse(let what): return .malformedResponse(detail: WebSocketFailureMapping.redact(what, apiKey.reveal()))
        case .invalidRequest(let what): return .badRequest(detail: WebSocketFailureMapping.redact(what, apiKey.reveal()))
        case .bodyTooLarge(let limit): return .malformedResponse(detail: "response body over \(limit) bytes")
        case .connectFailed, .tlsFailed, .transport, .bodyAlreadyConsumed, .clientShutDown: return .connectionLost
        }
    }
}
