/// A language model that also sends every request to a shadow model, for comparison only: the caller
/// hears the primary alone; the shadow's reply, first-token latency and failure go to the observer as a
/// `ShadowReport` (with the word error rate of the shadow's reply against the primary's). The shadow
/// never affects the call: its failures are only reported, and it is cancelled with the primary.
/// Named as the primary, so records and metrics read as if it were the primary alone.
public struct ShadowLanguageModel<C: Clock>: LanguageModel where C.Duration == Duration {
    public let primary: any LanguageModel
    public let shadow: any LanguageModel
    public let policy: ShadowPolicy
    private let clock: C
    private let observer: ShadowObserver

    public init(primary: any LanguageModel, shadow: any LanguageModel, policy: ShadowPolicy = ShadowPolicy(),
                clock: C, observer: @escaping ShadowObserver) {
        self.primary = primary
        self.shadow = shadow
        self.policy = policy
        self.clock = clock
        self.observer = observer
    }

    public var name: String { primary.name }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let observer = observer
        return ShadowStreamTee.run(primary: primary.complete(request), primaryName: primary.name,
                                   shadow: shadow.complete(request), shadowName: shadow.name,
                                   tally: CompletionTally.self, clock: clock, policy: policy) { primary, shadow in
            observer(ShadowReport(layer: .llm, primary: primary, shadow: shadow,
                                  wordErrorRate: .between(reference: primary.text, hypothesis: shadow.text)))
        }
    }
}

extension ShadowLanguageModel where C == ContinuousClock {
    /// A shadow measured on the continuous clock.
    public init(primary: any LanguageModel, shadow: any LanguageModel, policy: ShadowPolicy = ShadowPolicy(),
                observer: @escaping ShadowObserver) {
        self.init(primary: primary, shadow: shadow, policy: policy, clock: ContinuousClock(), observer: observer)
    }
}
