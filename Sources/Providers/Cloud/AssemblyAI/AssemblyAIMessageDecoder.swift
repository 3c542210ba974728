import Wire

/// Reads one AssemblyAI v3 streaming message (the bytes of one text frame): pure, bounded by its JSON
/// parser's limits, never traps. A message that is not a JSON object with a string `type`, or a `Turn`
/// without its `transcript`, is a `DecodeError`.
public struct AssemblyAIMessageDecoder: Sendable {
    /// Why a message could not be read, with the byte offset (0 when the structure, not the syntax, is wrong).
    public struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "AssemblyAI message: \(message) at byte \(offset)" }
    }

    /// Words kept from one `Turn` (a turn of minutes of speech stays far below).
    public static let defaultMaxWords = 4096

    public let parser: JSONParser
    public let maxWords: Int

    public init(parser: JSONParser = .transcriptionMessages, maxWords: Int = AssemblyAIMessageDecoder.defaultMaxWords) {
        self.parser = parser
        self.maxWords = maxWords
    }

    public func decode(_ bytes: [UInt8]) throws(DecodeError) -> AssemblyAIMessage {
        let json: JSONValue
        do { json = try parser.parse(bytes) } catch { throw DecodeError(message: error.message, offset: error.offset) }
        guard let type = json["type"]?.stringValue else { throw DecodeError(message: "no string \"type\"", offset: 0) }
        switch type {
        case "Begin":
            return .begin(id: json["id"]?.stringValue ?? "", expiresAt: json["expires_at"]?.numberValue)
        case "Turn":
            return .turn(try turn(json))
        case "SpeechStarted":
            return .speechStarted(timestamp: json["timestamp"]?.numberValue)
        case "Termination":
            return .termination(audioDurationSeconds: json["audio_duration_seconds"]?.numberValue)
        case "Error":
            let code = json["error_code"]?.numberValue.flatMap { Int(exactly: $0) }
            return .error(code: code, message: json["error"]?.stringValue ?? "unspecified error")
        default:
            return .other(type: type)
        }
    }

    private func turn(_ json: JSONValue) throws(DecodeError) -> AssemblyAITurn {
        guard let transcript = json["transcript"]?.stringValue else { throw DecodeError(message: "Turn without a transcript", offset: 0) }
        let entries = json["words"]?.arrayValue ?? []
        guard entries.count <= maxWords else { throw DecodeError(message: "Turn with more than \(maxWords) words", offset: 0) }
        var words: [String] = []
        var confidenceSum = 0.0
        var confidenceCount = 0
        for entry in entries {
            guard let text = entry["text"]?.stringValue else { throw DecodeError(message: "word without text", offset: 0) }
            words.append(text)
            if let confidence = entry["confidence"]?.numberValue {
                confidenceSum += min(1, max(0, confidence))
                confidenceCount += 1
            }
        }
        let order = json["turn_order"]?.numberValue.flatMap { Int(exactly: $0) } ?? 0
        return AssemblyAITurn(order: order, transcript: transcript, words: words,
                              confidence: confidenceCount > 0 ? confidenceSum / Double(confidenceCount) : nil,
                              endOfTurn: json["end_of_turn"]?.boolValue ?? false, isFormatted: json["turn_is_formatted"]?.boolValue ?? false)
    }
}
