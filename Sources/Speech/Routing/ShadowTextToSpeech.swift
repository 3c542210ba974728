/// A text-to-speech provider that also sends every request's text to a shadow provider, for comparison
/// only: the caller hears the primary alone; the shadow's first-audio latency, audio length and
/// failure go to the observer as a `ShadowReport`. The shadow's audio is discarded, its failures only
/// reported, and it is cancelled with the primary (barge-in cancels both). Named as the primary.
public struct ShadowTextToSpeech<C: Clock>: TextToSpeech where C.Duration == Duration {
    public let primary: any TextToSpeech
    public let shadow: any TextToSpeech
    public let policy: ShadowPolicy
    private let clock: C
    private let observer: ShadowObserver

    public init(primary: any TextToSpeech, shadow: any TextToSpeech, policy: ShadowPolicy = ShadowPolicy(),
                clock: C, observer: @escaping ShadowObserver) {
        self.primary = primary
        self.shadow = shadow
        self.policy = policy
        self.clock = clock
        self.observer = observer
    }

    public var name: String { primary.name }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let observer = observer
        return ShadowStreamTee.run(primary: primary.synthesize(request), primaryName: primary.name,
                                   shadow: shadow.synthesize(request), shadowName: shadow.name,
                                   tally: SynthesisTally.self, clock: clock, policy: policy) { primary, shadow in
            observer(ShadowReport(layer: .tts, primary: primary, shadow: shadow, wordErrorRate: nil))
        }
    }
}

extension ShadowTextToSpeech where C == ContinuousClock {
    /// A shadow measured on the continuous clock.
    public init(primary: any TextToSpeech, shadow: any TextToSpeech, policy: ShadowPolicy = ShadowPolicy(),
                observer: @escaping ShadowObserver) {
        self.init(primary: primary, shadow: shadow, policy: policy, clock: ContinuousClock(), observer: observer)
    }
}
