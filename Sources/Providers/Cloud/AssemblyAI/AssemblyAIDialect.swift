import Speech
import Wire

/// AssemblyAI v3's side of a `WebSocketTranscriptionSession`: `Turn`s become partials, and the end of a
/// turn a final plus an utterance end (with `format_turns`, only the formatted end-of-turn message is
/// final); audio goes out in chunks of `chunkMilliseconds` (AssemblyAI refuses chunks under 50 ms with
/// close 3007); `{"type":"Terminate"}` finishes and `Termination` confirms.
struct AssemblyAIDialect: StreamingTranscriptionDialect {
    let decoder = AssemblyAIMessageDecoder()
    let formatTurns: Bool
    let chunkMilliseconds: Int

    var keepAliveMessage: String? { nil }
    var finishMessage: String { #"{"type":"Terminate"}"# }

    func chunkBytes(for format: AudioFormat) -> Int { format.bytesPerSecond * chunkMilliseconds / 1000 }

    func decode(_ text: [UInt8]) -> StreamingDialectOutcome {
        let message: AssemblyAIMessage
        do { message = try decoder.decode(text) } catch { return .failed(.malformedResponse(detail: error.description)) }
        switch message {
        case .begin, .other:
            return .events([], countsAsResult: false)
        case .turn(let turn):
            return .events(events(for: turn), countsAsResult: true)
        case .speechStarted:
            return .events([.speechStarted], countsAsResult: false)
        case .termination:
            return .ended
        case .error(let code, let text):
            return .failed(Self.failure(code: code, reason: text) ?? .badRequest(detail: "AssemblyAI: \(text)"))
        }
    }

    func events(for turn: AssemblyAITurn) -> [TranscriptEvent] {
        let final = turn.endOfTurn && (turn.isFormatted || !formatTurns)
        if final {
            return turn.transcript.isEmpty ? [.utteranceEnd] : [.final(turn.transcript, confidence: turn.confidence), .utteranceEnd]
        }
        let heard = turn.words.isEmpty ? turn.transcript : turn.words.joined(separator: " ")
        return heard.isEmpty ? [] : [.partial(heard)]
    }

    func failure(closeCode: WebSocketCloseCode?, reason: String) -> ProviderError? {
        guard let closeCode, closeCode != .normalClosure else { return nil }
        return Self.failure(code: Int(closeCode.rawValue), reason: reason) ?? .connectionLost
    }

    /// AssemblyAI's close and error codes ("Common session errors and closures"): 1008 unauthorized
    /// (also "too many concurrent sessions"), 3005 server error (older servers: every session error),
    /// 3006 invalid message, 3007 audio chunk size or rate, 3008 session expired, 3009 concurrency.
    static func failure(code: Int?, reason: String) -> ProviderError? {
        let lowered = reason.lowercased()
        switch code {
        case 1008?:
            return lowered.contains("concurrent") ? .rateLimited(retryAfter: nil) : .auth
        case 3009?:
            return .rateLimited(retryAfter: nil)
        case 3006?, 3007?:
            return .badRequest(detail: "AssemblyAI closed the stream (\(code ?? 0)): \(reason)")
        case 3008?:
            return .connectionLost
        case 3005?:
            if lowered.contains("expired") { return .connectionLost }
            if lowered.contains("invalid") || lowered.contains("violation") || lowered.contains("exceeded") {
                return .badRequest(detail: "AssemblyAI closed the stream (3005): \(reason)")
            }
            return .overloaded
        case 1011?, 1013?, 1012?:
            return .overloaded
        default:
            return nil
        }
    }

    /// AssemblyAI's words from a refused upgrade: the JSON body's `error`, else the body.
    static func rejectionDetail(headers: HTTPHeaders, body: String) -> String {
        if let json = try? JSONParser().parse(body), let message = json["error"]?.stringValue { return message }
        return body.isEmpty ? "no details" : body
    }
}
