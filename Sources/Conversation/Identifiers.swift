/// One language-model request of a call. The machine numbers them; a live generation is cancelled by its
/// id, and events carrying an id that is no longer live are ignored (they raced a cancellation).
public struct GenerationID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "g\(rawValue)" }
}

/// One piece of agent speech: a sentence sent to TTS, or a cached phrase. Numbered by the machine.
public struct UtteranceID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "u\(rawValue)" }
}

/// One chunk of synthesized audio of an utterance. Chosen by the session when TTS audio arrives (unique
/// within its utterance); the machine only echoes it back in `enqueuePlayout`. The audio bytes stay with
/// the session: the machine sees ids and durations only.
public struct ChunkID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "c\(rawValue)" }
}

/// A playout mark: queued behind audio, reported back once that audio has really been played.
/// Numbered by the machine, unique for the whole call, so a mark of a cleared reply is recognised as stale.
public struct MarkID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "m\(rawValue)" }
}
