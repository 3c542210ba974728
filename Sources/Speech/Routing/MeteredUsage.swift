/// The three provider layers, as metrics labels and call records name them.
public enum SpeechLayer: String, Sendable, Hashable, CaseIterable, Comparable {
    case stt, llm, tts

    public static func < (lhs: SpeechLayer, rhs: SpeechLayer) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What one provider was used for during a call: the units vendors bill by.
public struct ProviderUsage: Sendable, Hashable {
    /// Requests made (completions, syntheses, transcription sessions).
    public var requests: Int
    /// Prompt tokens, as the LLM reported them in `done(usage)`.
    public var inputTokens: Int
    /// Completion tokens, as the LLM reported them.
    public var outputTokens: Int
    /// LLM requests that ended without a usage report (cancelled, failed, or a provider that reports none):
    /// their tokens are unknown, so the cost is a lower bound when this is not zero.
    public var requestsWithoutUsage: Int
    /// Characters sent for synthesis (Swift `Character`s, as vendors count them).
    public var characters: Int
    /// Audio sent for transcription, in microseconds.
    public var audioMicroseconds: Int64

    public init(requests: Int = 0, inputTokens: Int = 0, outputTokens: Int = 0, requestsWithoutUsage: Int = 0,
                characters: Int = 0, audioMicroseconds: Int64 = 0) {
        self.requests = requests
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.requestsWithoutUsage = requestsWithoutUsage
        self.characters = characters
        self.audioMicroseconds = audioMicroseconds
    }

    /// Audio sent, as a duration.
    public var audio: Duration { .microseconds(audioMicroseconds) }
}

/// One provider's usage and cost in a call: a line of the call's bill.
public struct ProviderUsageEntry: Sendable, Hashable {
    public var layer: SpeechLayer
    /// The provider's label (the configuration's, unique per layer within the agent).
    public var provider: String
    public var usage: ProviderUsage
    /// The prices it was metered with.
    public var prices: UsagePrices
    /// `prices.cost(of: usage)`: nil when the provider has no price for what it was used for.
    public var cost: CostAmount?

    public init(layer: SpeechLayer, provider: String, usage: ProviderUsage, prices: UsagePrices) {
        self.layer = layer
        self.provider = provider
        self.usage = usage
        self.prices = prices
        self.cost = prices.cost(of: usage)
    }
}
