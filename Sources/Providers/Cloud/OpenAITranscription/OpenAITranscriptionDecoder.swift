import Wire

/// Reads OpenAI `/v1/audio/transcriptions` response bodies (`response_format=json`): the transcript of
/// a 2xx (`{"text":"..."}`) and the message of an error (`{"error":{"message":...}}`). Pure, bounded by
/// its JSON parser, never traps.
public struct OpenAITranscriptionDecoder: Sendable {
    /// Why a body could not be read, with the byte offset (0 when the structure, not the syntax, is wrong).
    public struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "OpenAI transcription: \(message) at byte \(offset)" }
    }

    public let parser: JSONParser

    public init(parser: JSONParser = .transcriptionMessages) {
        self.parser = parser
    }

    /// The `text` of a successful response.
    public func transcript(_ bytes: [UInt8]) throws(DecodeError) -> String {
        let json: JSONValue
        do { json = try parser.parse(bytes) } catch { throw DecodeError(message: error.message, offset: error.offset) }
        guard let text = json["text"]?.stringValue else { throw DecodeError(message: "no string \"text\"", offset: 0) }
        return text
    }

    /// The `error.message` of an error response; nil when the body is not OpenAI's error shape.
    public func errorMessage(_ bytes: [UInt8]) -> String? {
        guard let json = try? parser.parse(bytes) else { return nil }
        return json["error"]?["message"]?.stringValue ?? json["error"]?.stringValue
    }
}
