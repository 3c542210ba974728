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

    public let parser: ProviderJSONParser

    public init(parser: ProviderJSONParser = ProviderJSONParser()) {
        self.parser = parser
    }

    public func decode(_ bytes: [UInt8]) throws(DecodeError) -> DeepgramMessage {
        let json: ProviderJSONValue
        do { json = try parser.parse(bytes) } catch { throw DecodeError(message: error.message, offset: error.offset) }
        guard let type = json["type"]?.string else { throw DecodeError(message: "no string \"type\"", offset: 0) }
        switch type {
        case "Results": return .results(try results(json))
        case "SpeechStarted": return .speechStarted(timestamp: json["timestamp"]?.number)
        case "UtteranceEnd": return .utteranceEnd(lastWordEnd: json["last_word_end"]?.number)
        case "Metadata": return .metadata(requestID: json["request_id"]?.string)
        case "Error":
            let text = json["description"]?.string ?? json["message"]?.string ?? json["err_msg"]?.string ?? "unspecified error"
            return .error(text)
        default: return .other(type: type)
        }
    }

    private func results(_ json: ProviderJSONValue) throws(DecodeError) -> DeepgramResult {
        guard let alternatives = json["channel"]?["alternatives"]?.array else {
            throw DecodeError(message: "Results without channel.alternatives", offset: 0)
        }
        let best = alternatives.first
        guard best == nil || best?.isObject == true else { throw DecodeError(message: "alternative is not an object", offset: 0) }
        let transcript = best?["transcript"]?.string ?? ""
        let confidence = best?["confidence"]?.number.map { min(1, max(0, $0)) }
        return DeepgramResult(transcript: transcript, confidence: confidence,
                              isFinal: json["is_final"]?.bool ?? false, speechFinal: json["speech_final"]?.bool ?? false,
                              start: json["start"]?.number, duration: json["duration"]?.number)
    }
}
