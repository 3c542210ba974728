/// How long each stage of a turn may take before the session acts (fails over to the next provider,
/// hedges, or says a filler). Milliseconds; see "Measurement words" in `Docs/architecture.md`.
public struct LatencyBudgets: Sendable, Hashable {
    /// Caller's speech end → STT final transcript; beyond it the STT counts as failed. Default 1500.
    public var sttFinalMs: Int
    /// Caller's speech end (the session's VAD heard at least 300 ms of speech) → any STT result (partial,
    /// final, utterance end); beyond it the STT stream counts as failed: the next provider, or a reconnect,
    /// gets the caller's recent audio replayed. Default 2000 (robustness.md: failures noticed within 2 s).
    public var sttResultMs: Int?
    /// LLM request → first token; beyond it the next LLM is tried. Default 2000.
    public var llmFirstTokenMs: Int
    /// TTS request → first audio byte; beyond it the next TTS is tried. Default 1500.
    public var ttsFirstAudioMs: Int
    /// Longest gap between two chunks of any provider stream before it counts as stalled.
    /// Default 2000 (a failure should be noticed within 2 s; see `robustness.md`).
    public var streamStallMs: Int
    /// When set, the fallback LLM is started in parallel if the primary has not produced a first
    /// token by then; must be below `llmFirstTokenMs`. Default nil (no hedging).
    public var hedgeAfterMs: Int?
    /// When set, the fallback TTS is started in parallel if the primary has not produced its first
    /// audio by then; must be below `ttsFirstAudioMs`. Default nil (no hedging).
    public var ttsHedgeAfterMs: Int?
    /// When set, a `recovery.fillers` phrase is said if no agent audio has started this long after
    /// the caller stopped speaking. Default nil (no fillers).
    public var fillerAfterMs: Int?

    /// Allowed range of every budget: 50 ms to 30 s.
    public static let range = 50...30_000

    /// Creates budgets; every argument defaults to the documented default.
    public init(sttFinalMs: Int = 1_500, llmFirstTokenMs: Int = 2_000, ttsFirstAudioMs: Int = 1_500,
                streamStallMs: Int = 2_000, hedgeAfterMs: Int? = nil, fillerAfterMs: Int? = nil,
                ttsHedgeAfterMs: Int? = nil, sttResultMs: Int? = nil) {
        self.sttFinalMs = sttFinalMs
        self.sttResultMs = sttResultMs
        self.llmFirstTokenMs = llmFirstTokenMs
        self.ttsFirstAudioMs = ttsFirstAudioMs
        self.streamStallMs = streamStallMs
        self.hedgeAfterMs = hedgeAfterMs
        self.ttsHedgeAfterMs = ttsHedgeAfterMs
        self.fillerAfterMs = fillerAfterMs
    }
}
