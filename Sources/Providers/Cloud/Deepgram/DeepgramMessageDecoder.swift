import Wire

/// Reads one Deepgram live message (the bytes of one text frame): pure, bounded by its JSON parser's
/// limits, never traps; anything that is not a JSON object with a string `type`, or a `Results`
/// without its `channel.alternatives`, is a `DeepgramMessageError`.
public struct DeepgramMessageDecoder: Sendable {
    /// Why a message could not be read, with the byte offset (0 when the structure, not the syntax, is wrong).
    public struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "Deepgram message: \(message) at byte \(offset)" }
    }

    public let parser: JSONParser

    public init(parser: JSONParser = .transcriptionMessages) {
        self.parser = parser
    }

    public func decode(_ bytes: [UInt8]) throws(DecodeError) -> DeepgramMessage {
        let json: JSONValue
        do { json = try parser.parse(bytes) } catch { throw DecodeError(message: error.message, offset: error.offset) }
        guard let type = json["type"]?.stringValue else { throw DecodeError(message: "no string \"type\"", offset: 0) }
        switch type {
        case "Results": return .results(try results(json))
        case "SpeechStarted": return .speechStarted(timestamp: json["timestamp"]?.numberValue)
        case "UtteranceEnd": return .utteranceEnd(lastWordEnd: json["last_word_end"]?.numberValue)
        case "Metadata": return .metadata(requestID: json["request_id"]?.stringValue)
        case "Error":
            let text = json["description"]?.stringValue ?? json["message"]?.stringValue ?? json["err_msg"]?.stringValue ?? "unspecified error"
            return .error(text)
        default: return .other(type: type)
        }
    }

    private func results(_ json: JSONValue) throws(DecodeError) -> DeepgramResult {
        guard let alternatives = json["channel"]?["alternatives"]?.arrayValue else {
            throw DecodeError(message: "Results without channel.alternatives", offset: 0)
        }
        let best = alternatives.first
        guard best == nil || best?.isObject == true else { throw DecodeError(message: "alternative is not an object", offset: 0) }
        let transcript = best?["transcript"]?.stringValue ?? ""
        let confidence = best?["confidence"]?.numberValue.map { min(1, max(0, $0)) }
        return DeepgramResult(transcript: transcript, confidence: confidence,
                              isFinal: json["is_final"]?.boolValue ?? false, speechFinal: json["speech_final"]?.boolValue ?? false,
                              start: json["start"]?.numberValue, duration: json["duration"]?.numberValue)
    }
}
