/// A `SpeechToText` over an ordered list of speech-to-text providers, each with its circuit breaker.
///
/// - **Opening** tries the providers in order, skipping open breakers; a provider that fails to open is
///   recorded on its breaker and the next one tried. Every provider failing throws the last error
///   (`.overloaded` when every breaker was open).
/// - **A session that fails** (a `failed` event, events that end before `finishAudio`, a refused frame) is
///   replaced, inside the same routed session, by a session of the next available provider, and the
///   caller's audio since the last final transcript (a ring of `replayFrames`) is replayed into it first:
///   the words spoken before the failure are in the new provider's next final. The consumer sees one
///   stream of events and never a failure, unless every provider failed: then `failed` with the last error.
public struct FallbackSpeechToText: SpeechToText {
    public let name: String
    let providers: [RoutedProvider<any SpeechToText>]
    let clock: RoutingClock
    let observer: any ProviderRoutingObserver
    /// How many frames since the last final are kept for replay.
    public let replayFrames: Int

    /// Ten seconds of 20 ms frames: longer than a caller normally speaks before a provider finalizes, so
    /// a failure mid-utterance loses nothing (about 160 KB at 8 kHz, only while the caller speaks on).
    public static let defaultReplayFrames = 500

    public init(providers: [(any SpeechToText, SharedCircuitBreaker)], clock: RoutingClock = .continuous(),
                observer: any ProviderRoutingObserver = IgnoringRoutingObserver(),
                replayFrames: Int = FallbackSpeechToText.defaultReplayFrames, name: String? = nil) {
        precondition(!providers.isEmpty, "a router needs at least one provider")
        self.providers = providers.map { RoutedProvider(provider: $0.0, name: $0.0.name, breaker: $0.1) }
        self.name = name ?? providers.map(\.0.name).joined(separator: ">")
        self.clock = clock
        self.observer = observer
        self.replayFrames = replayFrames
    }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        let opened = await open(request, from: 0, lastError: nil)
        switch opened {
        case .success(let (session, index)):
            return RoutedTranscriptionSession(router: self, request: request, session: session, provider: index)
        case .failure(let error):
            throw error
        }
    }

    /// Opens a session on the first available provider at or after `first`.
    func open(_ request: TranscriptionRequest, from first: Int, lastError: ProviderError?) async
        -> Result<(any TranscriptionSession, Int), ProviderError> {
        var lastError = lastError
        for index in first..<providers.count {
            let routed = providers[index]
            let (allowed, change) = routed.breaker.acquire()
            report(change, routed)
            guard allowed else {
                observer.skipped(.speechToText, provider: routed.name)
                continue
            }
            do throws(ProviderError) {
                return .success((try await routed.provider.openSession(request), index))
            } catch {
                report(routed.breaker.record(error), routed)
                guard error != .cancelled else { return .failure(.cancelled) }
                let next = providers[(index + 1)...].first { $0.breaker.isAvailable }
                observer.failedOver(.speechToText, from: routed.name, to: next?.name, error: error, midStream: false)
                lastError = error
            }
        }
        return .failure(lastError ?? .overloaded)
    }

    func report(_ change: BreakerPosition?, _ routed: RoutedProvider<any SpeechToText>) {
        if let change { observer.breaker(.speechToText, provider: routed.name, changedTo: change) }
    }
}
