import Conversation
import Speech

/// Everything a `CallSession` needs to know about its call that is not a live object: who the call is,
/// which agent answers it (its turn settings, tools, voice), and the audio formats at each edge.
/// Built by the wiring layer, usually from the agent's YAML with `init(agent:...)`.
public struct CallSessionConfiguration: Sendable {
    /// The call's id (stream SID, SIP Call-ID). Used in records and logs, never as a metrics label.
    public var callID: String
    /// The agent's name, the `agent` label of every metric.
    public var agentName: String
    /// The turn machine's settings.
    public var turn: TurnSettings
    /// Tools the language model may call (added to every completion request).
    public var tools: [ToolDeclaration]
    /// Upper bound on generated tokens per request, if any.
    public var maximumTokens: Int?
    /// Sampling temperature, if the agent sets one.
    public var temperature: Double?
    /// How the speech-to-text session is opened; `transcription.format.sampleRate` must be the rate of the
    /// frames the transport passes to `CallSession.receive(frame:)`.
    public var transcription: TranscriptionRequest
    /// The format every synthesized chunk (and every canned phrase) must have: what the transport plays.
    public var outputFormat: AudioFormat
    /// The TTS voice.
    public var voice: String
    /// BCP 47 language tag for synthesis.
    public var language: String
    /// The call's variables (declared defaults, stream parameters, built-ins), kept in the record.
    public var variables: [String: String]
    /// When the call started, by the wall clock (for the record).
    public var startedAt: UnixTime
    /// How many recent inbound frames are kept to replay into a new STT session after a failure.
    public var recentAudioFrames: Int
    /// How a failed STT session is reopened.
    public var transcriptionRetry: RetryPolicy

    /// Ten seconds of 20 ms frames (as `FallbackSpeechToText.defaultReplayFrames`): an utterance of several
    /// seconds plus the `transcriptResult` deadline after it, so a session that stayed silent through a
    /// whole utterance loses none of it (references to frames already received; about 160 KB at 8 kHz).
    public static let defaultRecentAudioFrames = 500

    public init(callID: String, agentName: String, turn: TurnSettings, tools: [ToolDeclaration] = [],
                maximumTokens: Int? = nil, temperature: Double? = nil,
                transcription: TranscriptionRequest, outputFormat: AudioFormat, voice: String = "",
                language: String = "en-US", variables: [String: String] = [:], startedAt: UnixTime = .now(),
                recentAudioFrames: Int = CallSessionConfiguration.defaultRecentAudioFrames,
                transcriptionRetry: RetryPolicy = RetryPolicy()) {
        self.callID = callID
        self.agentName = agentName
        self.turn = turn
        self.tools = tools
        self.maximumTokens = maximumTokens
        self.temperature = temperature
        self.transcription = transcription
        self.outputFormat = outputFormat
        self.voice = voice
        self.language = language
        self.variables = variables
        self.startedAt = startedAt
        self.recentAudioFrames = recentAudioFrames
        self.transcriptionRetry = transcriptionRetry
    }
}

/// Bounded retries with exponential backoff (robustness: "retry storms" — never retry forever).
public struct RetryPolicy: Sendable, Hashable {
    /// Consecutive failures after which the session stops retrying (and says so in the record).
    public var maximumAttempts: Int
    /// Wait before the first retry; doubled after each further failure, up to `maximumBackoff`.
    public var initialBackoff: Duration
    public var maximumBackoff: Duration

    public init(maximumAttempts: Int = 3, initialBackoff: Duration = .milliseconds(100),
                maximumBackoff: Duration = .seconds(2)) {
        self.maximumAttempts = maximumAttempts
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// The wait before retry number `attempt` (1-based).
    public func backoff(beforeAttempt attempt: Int) -> Duration {
        var wait = initialBackoff
        for _ in 1..<max(1, attempt) where wait < maximumBackoff { wait *= 2 }
        return min(wait, maximumBackoff)
    }
}
