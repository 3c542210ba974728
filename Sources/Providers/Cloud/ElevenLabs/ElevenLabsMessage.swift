import Speech
import Wire

/// A message from ElevenLabs' `stream-input` WebSocket (protocols.md §5.3), decoded purely:
/// `{"audio":"<base64>","isFinal":null,…}`, `{"isFinal":true}`, or an error
/// (`{"message":"…","error":"…","code":1008}`).
enum ElevenLabsMessage: Sendable, Equatable {
    /// Audio in the requested `output_format` (may be empty), and whether it is the last message.
    case audio([UInt8], isFinal: Bool)
    /// The generation is complete.
    case final
    /// The server reported an error: its `error` code word (e.g. `quota_exceeded`) and message.
    case error(code: String?, message: String)

    static func decode(_ text: String, parser: JSONParser = JSONParser()) -> Result<ElevenLabsMessage, ProviderError> {
        let json: JSONValue
        do throws(JSONParseError) {
            json = try parser.parse(text)
        } catch {
            return .failure(.malformedResponse(detail: "ElevenLabs message is not JSON: \(error)"))
        }
        guard case .object = json else { return .failure(.malformedResponse(detail: "ElevenLabs message is not a JSON object")) }
        let isFinal = json["isFinal"]?.boolValue == true
        if let audio = json["audio"], !audio.isNull {
            guard let text = audio.stringValue else { return .failure(.malformedResponse(detail: "ElevenLabs \"audio\" is not a string")) }
            guard let bytes = Base64.decode(text) else { return .failure(.malformedResponse(detail: "ElevenLabs \"audio\" is not base64")) }
            return .success(.audio(bytes, isFinal: isFinal))
        }
        if isFinal { return .success(.final) }
        if let message = json["message"]?.stringValue ?? json["error"]?.stringValue {
            return .success(.error(code: json["error"]?.stringValue, message: message))
        }
        // Alignment-only or other informational messages carry no audio: treated as empty audio.
        return .success(.audio([], isFinal: false))
    }
}
