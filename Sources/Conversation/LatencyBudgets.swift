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

    public init(firstToken: Duration? = .milliseconds(1500), firstAudio: Duration? = .milliseconds(1000),
                replyDeadline: Duration? = .seconds(5)) {
        self.firstToken = firstToken
        self.firstAudio = firstAudio
        self.replyDeadline = replyDeadline
    }
}
