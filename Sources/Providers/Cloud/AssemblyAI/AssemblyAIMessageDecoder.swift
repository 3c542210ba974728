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

    public let parser: ProviderJSONParser
    public let maxWords: Int

    public init(parser: ProviderJSONParser = ProviderJSONParser(), maxWords: Int = AssemblyAIMessageDecoder.defaultMaxWords) {
        self.parser = parser
        self.maxWords = maxWords
    }

    public func decode(_ bytes: [UInt8]) throws(DecodeError) -> AssemblyAIMessage {
        let json: ProviderJSONValue
        do { json = try parser.parse(bytes) } catch { throw DecodeError(message: error.message, offset: error.offset) }
        guard let type = json["type"]?.string else { throw DecodeError(message: "no string \"type\"", offset: 0) }
        switch type {
        case "Begin":
            return .begin(id: json["id"]?.string ?? "", expiresAt: json["expires_at"]?.number)
        case "Turn":
            return .turn(try turn(json))
        case "SpeechStarted":
            return .speechStarted(timestamp: json["timestamp"]?.number)
        case "Termination":
            return .termination(audioDurationSeconds: json["audio_duration_seconds"]?.number)
        case "Error":
            let code = json["error_code"]?.number.flatMap { Int(exactly: $0) }
            return .error(code: code, message: json["error"]?.string ?? "unspecified error")
        default:
            return .other(type: type)
        }
    }

    private func turn(_ json: ProviderJSONValue) throws(DecodeError) -> AssemblyAITurn {
        guard let transcript = json["transcript"]?.string else { throw DecodeError(message: "Turn without a transcript", offset: 0) }
        let entries = json["words"]?.array ?? []
        guard entries.count <= maxWords else { throw DecodeError(message: "Turn with more than \(maxWords) words", offset: 0) }
        var words: [String] = []
        var confidenceSum = 0.0
        var confidenceCount = 0
        for entry in entries {
            guard let text = entry["text"]?.string else { throw DecodeError(message: "word without text", offset: 0) }
            words.append(text)
            if let confidence = entry["confidence"]?.number {
                confidenceSum += min(1, max(0, confidence))
                confidenceCount += 1
            }
        }
        let order = json["turn_order"]?.number.flatMap { Int(exactly: $0) } ?? 0
        return AssemblyAITurn(order: order, transcript: transcript, words: words,
                              confidence: confidenceCount > 0 ? confidenceSum / Double(confidenceCount) : nil,
                              endOfTurn: json["end_of_turn"]?.bool ?? false, isFormatted: json["turn_is_formatted"]?.bool ?? false)
    }
}
