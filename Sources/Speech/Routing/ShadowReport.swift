/// How long a shadow may keep running, and how much audio it may queue, when it lags the primary.
public struct ShadowPolicy: Sendable, Hashable {
    /// After the primary stream ended on its own, the shadow may finish within this long before it is
    /// cancelled (a primary cancelled by its owner cancels the shadow at once).
    public var completionGrace: Duration
    /// Frames an STT shadow may queue while its session is still opening (250 × 20 ms = 5 s); beyond it
    /// the shadow is dropped with `overloaded`, and the call goes on.
    public var maximumPendingFrames: Int

    public init(completionGrace: Duration = .seconds(5), maximumPendingFrames: Int = 250) {
        self.completionGrace = completionGrace
        self.maximumPendingFrames = maximumPendingFrames
    }
}

/// How one side of a shadowed stream ended.
public enum ShadowOutcome: Sendable, Hashable {
    /// It ended on its own without a failure.
    case completed
    /// It failed (for the shadow: opening, sending or its stream).
    case failed(ProviderError)
    /// It was cancelled: by the call's owner (primary), or with the primary or after the grace (shadow).
    case cancelled
}

/// What one side (primary or shadow) of a shadowed stream did.
public struct ShadowSide: Sendable, Hashable {
    public var provider: String
    /// Request (LLM, TTS) or first audio frame (STT) → first token, audio chunk or transcript result.
    public var firstResultLatency: Duration?
    /// The reply (LLM) or the finals joined by spaces (STT); empty for TTS.
    public var text: String
    /// Audio synthesized (TTS).
    public var audio: Duration
    /// Tokens reported in `done` (LLM).
    public var usage: TokenUsage?
    public var outcome: ShadowOutcome

    public init(provider: String, firstResultLatency: Duration? = nil, text: String = "", audio: Duration = .zero,
                usage: TokenUsage? = nil, outcome: ShadowOutcome) {
        self.provider = provider
        self.firstResultLatency = firstResultLatency
        self.text = text
        self.audio = audio
        self.usage = usage
        self.outcome = outcome
    }
}

/// The comparison of a primary provider's stream with its shadow's, delivered to the shadow observer
/// once both have ended: never to the caller.
public struct ShadowReport: Sendable, Hashable {
    public var layer: SpeechLayer
    public var primary: ShadowSide
    public var shadow: ShadowSide
    /// The shadow's text against the primary's (STT, LLM); nil for TTS.
    public var wordErrorRate: WordErrorRate?

    public init(layer: SpeechLayer, primary: ShadowSide, shadow: ShadowSide, wordErrorRate: WordErrorRate?) {
        self.layer = layer
        self.primary = primary
        self.shadow = shadow
        self.wordErrorRate = wordErrorRate
    }
}

/// Receives shadow comparisons (metrics, call record). Called from a task of the wrapper, never on the
/// caller's path; must return quickly.
public typealias ShadowObserver = @Sendable (ShadowReport) -> Void
