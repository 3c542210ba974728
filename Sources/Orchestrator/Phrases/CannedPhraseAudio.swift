import Conversation
import Speech

/// The audio of a call's fixed phrases (recovery, goodbyes), synthesized ahead of time so they play with
/// every TTS provider down. Every chunk is in `format`, the call's output format.
public struct CannedPhraseAudio: Sendable, Hashable {
    /// The phrases a session can be asked to play (`Effect.playPhrase`).
    public static let sessionPhrases: [CannedPhrase] = [.recovery, .goodbye(.noInput), .goodbye(.maximumDuration),
                                                        .transferFailed]

    public let format: AudioFormat
    private var audio: [CannedPhrase: [AudioChunk]]

    /// Audio for some phrases; chunks in another format than `format` are refused (left out).
    public init(format: AudioFormat, audio: [CannedPhrase: [AudioChunk]] = [:]) {
        self.format = format
        self.audio = [:]
        for (phrase, chunks) in audio { set(chunks, for: phrase) }
    }

    /// The phrase's audio, if known.
    public subscript(phrase: CannedPhrase) -> [AudioChunk]? { audio[phrase] }

    /// The phrases of `sessionPhrases` with no audio yet.
    public var missingPhrases: [CannedPhrase] { Self.sessionPhrases.filter { audio[$0] == nil } }

    /// Keeps `chunks` as the phrase's audio. Returns false (keeping nothing) when a chunk is in another
    /// format or there is no audio at all.
    @discardableResult
    public mutating func set(_ chunks: [AudioChunk], for phrase: CannedPhrase) -> Bool {
        guard !chunks.isEmpty, chunks.allSatisfy({ $0.format == format && !$0.bytes.isEmpty }) else { return false }
        audio[phrase] = chunks
        return true
    }

    /// This audio for a call of another format: the phrases in `format` kept, none otherwise.
    func usable(in format: AudioFormat) -> CannedPhraseAudio {
        format == self.format ? self : CannedPhraseAudio(format: format)
    }
}
