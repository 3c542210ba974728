/// One server message of AssemblyAI's v3 Universal-Streaming WebSocket (`/v3/ws`), as
/// `AssemblyAIMessageDecoder` reads it. Field names follow AssemblyAI's streaming message reference.
public enum AssemblyAIMessage: Sendable, Hashable {
    /// `Begin`: the session id and when it expires (Unix seconds).
    case begin(id: String, expiresAt: Double?)
    /// `Turn`: the current turn's words so far.
    case turn(AssemblyAITurn)
    /// `SpeechStarted`: the model heard speech begin (`timestamp` in ms of audio, when given).
    case speechStarted(timestamp: Double?)
    /// `Termination`: sent after `Terminate`, before the normal close.
    case termination(audioDurationSeconds: Double?)
    /// `Error`: the code the socket is about to close with, and AssemblyAI's text.
    case error(code: Int?, message: String)
    /// A message type this adapter does not use; ignored.
    case other(type: String)
}

/// The part of a `Turn` message a transcription needs.
public struct AssemblyAITurn: Sendable, Hashable {
    public var order: Int
    /// The turn's finalized words (immutable once sent).
    public var transcript: String
    /// All words so far, finalized or not, in order.
    public var words: [String]
    /// Mean confidence of the words, when they carry one.
    public var confidence: Double?
    public var endOfTurn: Bool
    /// The transcript is punctuated and cased (with `format_turns=true`, a second end-of-turn message).
    public var isFormatted: Bool

    public init(order: Int, transcript: String, words: [String], confidence: Double?, endOfTurn: Bool, isFormatted: Bool) {
        self.order = order
        self.transcript = transcript
        self.words = words
        self.confidence = confidence
        self.endOfTurn = endOfTurn
        self.isFormatted = isFormatted
    }
}
