import Synchronization

/// Counts one provider's usage during one call. Metering wrappers hold one and add to it as requests
/// run (an STT wrapper once per 20 ms frame, so counters are atomics, not a lock).
public final class ProviderMeter: Sendable {
    public let layer: SpeechLayer
    public let provider: String
    public let prices: UsagePrices
    private let requests = Atomic<Int>(0)
    private let inputTokens = Atomic<Int>(0)
    private let outputTokens = Atomic<Int>(0)
    private let requestsWithoutUsage = Atomic<Int>(0)
    private let characters = Atomic<Int>(0)
    private let audioMicroseconds = Atomic<Int64>(0)

    public init(layer: SpeechLayer, provider: String, prices: UsagePrices = UsagePrices()) {
        self.layer = layer
        self.provider = provider
        self.prices = prices
    }

    /// One request started.
    public func countRequest() { requests.add(1, ordering: .relaxed) }

    /// An LLM request ended: with the tokens it reported, or nil when it reported none.
    public func countTokens(_ usage: TokenUsage?) {
        guard let usage else {
            requestsWithoutUsage.add(1, ordering: .relaxed)
            return
        }
        inputTokens.add(max(0, usage.promptTokens), ordering: .relaxed)
        outputTokens.add(max(0, usage.completionTokens), ordering: .relaxed)
    }

    /// Text sent for synthesis.
    public func countCharacters(_ count: Int) { characters.add(max(0, count), ordering: .relaxed) }

    /// Audio sent for transcription.
    public func countAudio(microseconds: Int64) { audioMicroseconds.add(max(0, microseconds), ordering: .relaxed) }

    /// What was counted so far.
    public var usage: ProviderUsage {
        ProviderUsage(requests: requests.load(ordering: .relaxed), inputTokens: inputTokens.load(ordering: .relaxed),
                      outputTokens: outputTokens.load(ordering: .relaxed),
                      requestsWithoutUsage: requestsWithoutUsage.load(ordering: .relaxed),
                      characters: characters.load(ordering: .relaxed),
                      audioMicroseconds: audioMicroseconds.load(ordering: .relaxed))
    }

    /// The meter's line of the bill.
    public var entry: ProviderUsageEntry {
        ProviderUsageEntry(layer: layer, provider: provider, usage: usage, prices: prices)
    }
}

/// A call's usage of every provider it touched, per layer and provider label: the accumulator the
/// metering wrappers of one call share, read once when the call ends for its record and metrics.
/// One per call (providers are shared by calls; usage is not).
public final class CallUsage: Sendable {
    private let meters = Mutex<[ProviderMeter]>([])

    public init() {}

    /// The meter for `provider` on `layer`, made on first use; later calls for the same layer and
    /// provider return the same meter (its first prices stay).
    public func meter(layer: SpeechLayer, provider: String, prices: UsagePrices = UsagePrices()) -> ProviderMeter {
        meters.withLock { meters in
            if let existing = meters.first(where: { $0.layer == layer && $0.provider == provider }) { return existing }
            let meter = ProviderMeter(layer: layer, provider: provider, prices: prices)
            meters.append(meter)
            return meter
        }
    }

    /// Every provider's usage and cost, by layer (stt, llm, tts), then provider label.
    public var entries: [ProviderUsageEntry] {
        meters.withLock { $0 }.map(\.entry).sorted { ($0.layer, $0.provider) < ($1.layer, $1.provider) }
    }

    /// The call's total cost over every priced provider.
    public var totalCost: CostAmount {
        entries.compactMap(\.cost).reduce(.zero, +)
    }
}
