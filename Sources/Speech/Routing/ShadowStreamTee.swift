/// What a shadow comparison keeps of one stream (LLM or TTS) while watching its events.
protocol ShadowTally: Sendable {
    associatedtype Event: Sendable
    init(provider: String)
    /// Notes `event`, which arrived `elapsed` after the request.
    mutating func observe(_ event: Event, after elapsed: Duration)
    /// The side as observed; a stream that ended with no terminal event was cancelled.
    var side: ShadowSide { get }
}

/// Runs a primary stream to its consumer and a shadow stream to a tally, for `ShadowLanguageModel` and
/// `ShadowTextToSpeech`. The consumer gets the primary's events only. The shadow is cancelled at once
/// when the primary is cancelled, and at most `policy.completionGrace` after the primary ended on its
/// own; then `report` receives both sides.
enum ShadowStreamTee {
    static func run<Tally: ShadowTally, C: Clock>(
        primary: AsyncStream<Tally.Event>, primaryName: String, shadow: AsyncStream<Tally.Event>, shadowName: String,
        tally: Tally.Type, clock: C, policy: ShadowPolicy, report: @escaping @Sendable (ShadowSide, ShadowSide) -> Void
    ) -> AsyncStream<Tally.Event> where C.Duration == Duration {
        let start = clock.now
        let shadowTask = Task {
            var shadowTally = Tally(provider: shadowName)
            for await event in shadow { shadowTally.observe(event, after: start.duration(to: clock.now)) }
            return shadowTally.side
        }
        let (output, continuation) = AsyncStream.makeStream(of: Tally.Event.self)
        let primaryTask = Task {
            var primaryTally = Tally(provider: primaryName)
            for await event in primary {
                primaryTally.observe(event, after: start.duration(to: clock.now))
                continuation.yield(event)
            }
            continuation.finish()
            let primarySide = primaryTally.side
            var graceTimer: Task<Void, Never>?
            if Task.isCancelled || primarySide.outcome == .cancelled {
                shadowTask.cancel()
            } else {
                graceTimer = Task {
                    try? await clock.sleep(until: clock.now.advanced(by: policy.completionGrace), tolerance: nil)
                    shadowTask.cancel()
                }
            }
            let shadowSide = await shadowTask.value
            graceTimer?.cancel()
            report(primarySide, shadowSide)
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination { primaryTask.cancel() }
        }
        return output
    }
}

/// A language-model stream as a shadow comparison sees it.
struct CompletionTally: ShadowTally {
    private var result: ShadowSide

    init(provider: String) {
        result = ShadowSide(provider: provider, outcome: .cancelled)
    }

    mutating func observe(_ event: CompletionEvent, after elapsed: Duration) {
        switch event {
        case .token(let text):
            if result.firstResultLatency == nil { result.firstResultLatency = elapsed }
            result.text += text
        case .toolCall:
            if result.firstResultLatency == nil { result.firstResultLatency = elapsed }
        case .done(let usage):
            result.usage = usage
            result.outcome = .completed
        case .failed(let error):
            result.outcome = .failed(error)
        }
    }

    var side: ShadowSide { result }
}

/// A text-to-speech stream as a shadow comparison sees it.
struct SynthesisTally: ShadowTally {
    private var result: ShadowSide

    init(provider: String) {
        result = ShadowSide(provider: provider, outcome: .cancelled)
    }

    mutating func observe(_ event: SynthesisEvent, after elapsed: Duration) {
        switch event {
        case .audio(let chunk):
            if result.firstResultLatency == nil { result.firstResultLatency = elapsed }
            result.audio += chunk.duration
        case .done:
            result.outcome = .completed
        case .failed(let error):
            result.outcome = .failed(error)
        }
    }

    var side: ShadowSide { result }
}
