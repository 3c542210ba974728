import Speech
import Wire

/// Deepgram live's side of a `WebSocketTranscriptionSession`: `Results` become partials and finals
/// (`speech_final` adds an utterance end), `SpeechStarted` and `UtteranceEnd` pass through, audio goes
/// out frame by frame, `KeepAlive` while idle, `CloseStream` to finish (protocols.md §3).
struct DeepgramDialect: StreamingTranscriptionDialect {
    let decoder = DeepgramMessageDecoder()

    /// Deepgram: `{"type":"KeepAlive"}` every 3–5 s without audio; must be a text frame.
    var keepAliveMessage: String? { #"{"type":"KeepAlive"}"# }
    /// Deepgram: flush, send `Metadata`, then close.
    var finishMessage: String { #"{"type":"CloseStream"}"# }

    func chunkBytes(for format: AudioFormat) -> Int { 1 }

    func decode(_ text: [UInt8]) -> StreamingDialectOutcome {
        let message: DeepgramMessage
        do { message = try decoder.decode(text) } catch { return .failed(.malformedResponse(detail: error.description)) }
        switch message {
        case .results(let result):
            return .events(Self.events(for: result), countsAsResult: true)
        case .speechStarted:
            return .events([.speechStarted], countsAsResult: false)
        case .utteranceEnd:
            return .events([.utteranceEnd], countsAsResult: false)
        case .metadata, .other:
            return .events([], countsAsResult: false)
        case .error(let description):
            return .failed(.badRequest(detail: "Deepgram: \(description)"))
        }
    }

    static func events(for result: DeepgramResult) -> [TranscriptEvent] {
        var events: [TranscriptEvent] = []
        if !result.transcript.isEmpty {
            events.append(result.isFinal ? .final(result.transcript, confidence: result.confidence) : .partial(result.transcript))
        }
        if result.speechFinal { events.append(.utteranceEnd) }
        return events
    }

    /// Deepgram closes with 1008 for audio it cannot decode (`DATA-0000`, wrong encoding), 1011 for its
    /// own failures and `NET-0001` (nothing received for 10 s).
    func failure(closeCode: WebSocketCloseCode?, reason: String) -> ProviderError? {
        guard let closeCode, closeCode != .normalClosure else { return nil }
        switch closeCode {
        case .policyViolation:
            return .badRequest(detail: "Deepgram closed the stream (1008): \(reason)")
        case .internalError where reason.hasPrefix("NET-0001"):
            return .connectionLost
        case .internalError, .tryAgainLater, .serviceRestart:
            return .overloaded
        default:
            return .connectionLost
        }
    }

    /// The provider's words from a refused upgrade: `dg-error` header, else the JSON body's `err_msg`.
    static func rejectionDetail(headers: HTTPHeaders, body: String) -> String {
        if let header = headers["dg-error"], !header.isEmpty { return header }
        if let json = try? JSONParser().parse(body) {
            let code = json["err_code"]?.stringValue
            if let message = json["err_msg"]?.stringValue { return code.map { "\($0): \(message)" } ?? message }
        }
        return body.isEmpty ? "no details" : body
    }
}
