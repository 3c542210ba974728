/// A `TextToSpeech` over an ordered list of voices, each with its circuit breaker, that the session uses
/// like any voice.
///
/// - **Order, breakers, failure before the first audio, hedging, cancellation:** as `FallbackLanguageModel`
///   (hedge and first-audio deadline from `budget`).
/// - **Failure mid-sentence:** the sentence is synthesized again on the next provider and its first
///   samples, as long as the audio already delivered, are skipped: the caller hears the rest of the
///   sentence in the new voice, without a repeat. (Different voices speak at different speeds, so the cut
///   is approximate; it never repeats more than the speed difference.)
/// - **Every provider failed:** `failed` with the last error; the turn machine plays the recovery phrase.
public struct FallbackTextToSpeech: TextToSpeech {
    public let name: String
    let providers: [RoutedProvider<any TextToSpeech>]
    public let budget: RouterBudgets.Layer
    let clock: RoutingClock
    let observer: any ProviderRoutingObserver

    /// - Parameters:
    ///   - providers: in order of preference, each with its breaker (shared by the agent's calls).
    ///   - name: for records and metric labels; by default the providers' names joined with `>`.
    public init(providers: [(any TextToSpeech, SharedCircuitBreaker)], budget: RouterBudgets.Layer = .init(),
                clock: RoutingClock = .continuous(), observer: any ProviderRoutingObserver = IgnoringRoutingObserver(),
                name: String? = nil) {
        precondition(!providers.isEmpty, "a router needs at least one provider")
        self.init(routed: providers.map { RoutedProvider(provider: $0.0, name: $0.0.name, breaker: $0.1) },
                  budget: budget, clock: clock, observer: observer,
                  name: name ?? providers.map(\.0.name).joined(separator: ">"))
    }

    init(routed: [RoutedProvider<any TextToSpeech>], budget: RouterBudgets.Layer, clock: RoutingClock,
         observer: any ProviderRoutingObserver, name: String) {
        self.providers = routed
        self.name = name
        self.budget = budget
        self.clock = clock
        self.observer = observer
    }

    /// The same router with `lastResort` (an offline voice such as espeak-ng) tried after every other
    /// provider, with its own breaker: what canned phrases are synthesized through, so they exist even
    /// when every cloud voice is down when the agent loads. The name stays this router's.
    public func appending(lastResort: any TextToSpeech, breaker: SharedCircuitBreaker) -> FallbackTextToSpeech {
        FallbackTextToSpeech(routed: providers + [RoutedProvider(provider: lastResort, name: lastResort.name, breaker: breaker)],
                             budget: budget, clock: clock, observer: observer, name: name)
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        let (stream, output) = AsyncStream.makeStream(of: SynthesisEvent.self)
        var run = FailoverRun(providers: providers, budget: budget, clock: clock, observer: observer,
                              request: request, strategy: TextToSpeechFailover(), output: output)
        let driver = Task { await run.run() }
        output.onTermination = { _ in driver.cancel() }
        return stream
    }
}

/// Text-to-speech failover: counts the samples delivered, and has a stream started after a failure skip
/// that many of its own first samples. A lane's cursor is its position relative to what was delivered
/// when it started (negative: samples still to skip).
struct TextToSpeechFailover: FailoverStrategy {
    var deliveredSamples = 0

    static var layer: RoutingLayer { .textToSpeech }
    static func name(of provider: any TextToSpeech) -> String { provider.name }
    static func start(_ provider: any TextToSpeech, _ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        provider.synthesize(request)
    }

    static func classify(_ event: SynthesisEvent) -> RoutedEventKind {
        switch event {
        case .audio(let chunk): chunk.bytes.isEmpty ? .other : .output
        case .done: .done
        case .failed(let error): .failed(error)
        }
    }

    static func failure(_ error: ProviderError) -> SynthesisEvent { .failed(error) }

    var hasDelivered: Bool { deliveredSamples > 0 }

    func request(continuing original: SynthesisRequest) -> SynthesisRequest { original }

    func laneStart() -> Int { -deliveredSamples }

    mutating func forward(_ event: SynthesisEvent, cursor: inout Int) -> SynthesisEvent? {
        guard case .audio(let chunk) = event else { return event }
        let width = chunk.format.encoding.bytesPerSample
        let samples = chunk.bytes.count / width
        let skip = min(samples, max(0, -cursor))
        cursor += samples
        guard skip < samples else { return nil }
        deliveredSamples += samples - skip
        guard skip > 0 else { return event }
        return .audio(AudioChunk(format: chunk.format, bytes: Array(chunk.bytes[(skip * width)...])))
    }
}
