/// Per-turn latency budgets. Exceeding one is recorded and answered with an effect; the router hedges, the
/// machine never waits in silence past `replyDeadline`.
public struct LatencyBudgets: Sendable, Hashable {
    /// LLM request → first token. Exceeded: `hedgeLLM` (the router starts the fallback in parallel).
    public var firstToken: Duration?
    /// First TTS request of a reply → its first audio. Exceeded: `hedgeTTS`.
    public var firstAudio: Duration?
    /// Caller turn committed → first reply audio queued. Exceeded: the reply is abandoned and the recovery
    /// phrase plays (robustness: "silence while a reply is owed").
    public var replyDeadline: Duration?
    /// The VAD heard the caller speak (at least `transcriptMinimumSpeech`) and speech-to-text gave no
    /// result for it (no partial, final or utterance end) within this after the speech ended. Exceeded:
    /// `failTranscription` (robustness: "speech heard with no transcript within a deadline is an STT
    /// failure"). Nil: not watched.
    public var transcriptResult: Duration?
    /// Speech shorter than this (a click, a cough) does not arm `transcriptResult`: a provider may rightly
    /// say nothing about it.
    public var transcriptMinimumSpeech: Duration

    /// Robustness.md: a failure is detected within 2 s.
    public static let defaultTranscriptResult: Duration = .seconds(2)
    /// The barge-in default for "speech, not a blip" (`BargeInSettings.minimumSpeech`).
    public static let defaultTranscriptMinimumSpeech: Duration = .milliseconds(300)

    public init(firstToken: Duration? = .milliseconds(1500), firstAudio: Duration? = .milliseconds(1000),
                replyDeadline: Duration? = .seconds(5),
                transcriptResult: Duration? = LatencyBudgets.defaultTranscriptResult,
                transcriptMinimumSpeech: Duration = LatencyBudgets.defaultTranscriptMinimumSpeech) {
        self.firstToken = firstToken
        self.firstAudio = firstAudio
        self.replyDeadline = replyDeadline
        self.transcriptResult = transcriptResult
        self.transcriptMinimumSpeech = transcriptMinimumSpeech
    }
}
