import Media
import Speech

/// ElevenLabs' HTTP streaming endpoint as the fake answers it (protocols.md §5.2):
/// `POST /v1/text-to-speech/{voice}/stream?output_format=…` with `xi-api-key`, errors shaped
/// `{"detail":{"status","message"}}`.
enum FakeElevenLabsHTTP {
    static func error(_ status: Int, _ word: String, _ message: String, retryAfter: Int? = nil) -> FakeHTTPReply {
        .json(status: status, FakeJSON.text(["detail": ["status": word, "message": message]]), retryAfterSeconds: retryAfter)
    }

    /// `ulaw_8000`, `alaw_8000`, `pcm_<rate>` → the format; nil for others.
    static func format(_ name: String?) -> AudioFormat? {
        switch name {
        case "ulaw_8000": return .telephony
        case "alaw_8000": return AudioFormat(encoding: .alaw, sampleRate: .hz8000)
        case let name? where name.hasPrefix("pcm_"):
            return Int(name.dropFirst(4)).flatMap(SampleRate.init(rawValue:)).map { AudioFormat(encoding: .linear16, sampleRate: $0) }
        default: return nil
        }
    }

    /// Error for the scripted status fault, in ElevenLabs' words.
    static func statusFault(_ status: Int, _ message: String, retryAfter: Int?) -> FakeHTTPReply {
        let word = switch status {
        case 401: "quota_exceeded"
        case 429: "too_many_concurrent_requests"
        case 500...: "internal_error"
        default: "invalid_request"
        }
        return error(status, word, message, retryAfter: retryAfter)
    }

    static func reply(to request: FakeTTSRequest, apiKey: String, voiceID: String, pacing: FakeAudioPacing,
                      fault: FakeTTSFault?) -> FakeHTTPReply {
        guard request.method == "POST", request.path == "/v1/text-to-speech/\(voiceID)/stream" else {
            return error(404, "voice_not_found", "A voice with the voice_id was not found.")
        }
        guard request.headers["xi-api-key"] == apiKey else { return error(401, "invalid_api_key", "Invalid API key") }
        if case .status(let status, let message, let retryAfter) = fault { return statusFault(status, message, retryAfter: retryAfter) }
        guard let format = format(request.query["output_format"]) else {
            return error(422, "invalid_output_format", "output_format not supported by this fake")
        }
        guard let body = FakeJSON.object(request.body), let text = body["text"] as? String, body["model_id"] is String else {
            return .json(status: 422, FakeJSON.text(["detail": [["loc": ["body", "text"], "msg": "field required", "type": "value_error.missing"]]]))
        }
        return .audio(FakeTone.audio(for: text, format: format), contentType: "audio/basic", pacing: pacing, fault: fault)
    }
}
