import Speech
import Synchronization
import SwitchboardTesting

// switchboard-bench-session routing [runs]
// 1. Failover time: the primary fails (after a seeded 1–5 ms), the fallback answers with no delay; the
//    time from the failure being yielded to the fallback's first token / first audio reaching the router's
//    consumer (LLM before the first token, TTS before and mid-sentence). What the router adds to a failover.
// 2. Hedging: a slow primary (first output seeded: 70 % fast 5–20 ms, 30 % slow 30–200 ms) and a fallback
//    (15–40 ms), hedge budget 25 ms; time to first output with and without hedging, hedges started, won.
enum RoutingBench {
    static func run(runs: Int) async {
        print("Provider routers, \(runs) runs each (real clock, seeded latencies)")
        print("| measure | samples | median | p95 | p99 |")
        print("| --- | --- | --- | --- | --- |")
        var random = SeededRandom(seed: 5)
        print(row("LLM failover before first token: failure → fallback's first token", await llmFailover(runs, &random), unit: "µs"))
        print(row("TTS failover before first audio: failure → fallback's first audio", await ttsFailover(runs, midStream: false, &random), unit: "µs"))
        print(row("TTS failover mid-sentence: failure → fallback's first new audio", await ttsFailover(runs, midStream: true, &random), unit: "µs"))
        await hedging(runs)
    }

    static func jitter(_ random: inout SeededRandom, _ range: ClosedRange<Int>) -> Duration {
        .milliseconds(Int.random(in: range, using: &random))
    }

    static func breaker(_ name: String) -> SharedCircuitBreaker {
        // A huge limit: the bench measures failover, not the breaker opening.
        SharedCircuitBreaker(provider: name, policy: CircuitBreakerPolicy(consecutiveFailureLimit: 1_000_000,
                                                                          failureRateLimit: 1), clock: .continuous())
    }

    static func llmFailover(_ runs: Int, _ random: inout SeededRandom) async -> [Int64] {
        var samples: [Int64] = []
        for _ in 0..<runs {
            let failed = Mutex<ContinuousClock.Instant?>(nil)
            let wait = jitter(&random, 1...5)
            let primary = TimedModel(name: "primary", firstToken: { wait }, fails: true,
                                     failedAt: { instant in failed.withLock { $0 = instant } })
            let fallback = TimedModel(name: "fallback", firstToken: { .zero })
            let router = FallbackLanguageModel(providers: [(primary, breaker("p")), (fallback, breaker("f"))])
            for await event in router.complete(CompletionRequest(messages: [.user("Hi")])) {
                if case .token = event, let at = failed.withLock({ $0 }) {
                    samples.append(microseconds(at.duration(to: .now)))
                    break
                }
            }
        }
        return samples
    }

    static func ttsFailover(_ runs: Int, midStream: Bool, _ random: inout SeededRandom) async -> [Int64] {
        var samples: [Int64] = []
        let request = SynthesisRequest(text: "It is sunny.", voice: "v", format: .telephony)
        for _ in 0..<runs {
            let failed = Mutex<ContinuousClock.Instant?>(nil)
            let wait = jitter(&random, 1...5)
            let primary = TimedVoice(name: "primary", firstAudio: { wait }, failAfterAudio: midStream ? .milliseconds(200) : .zero,
                                     failedAt: { instant in failed.withLock { $0 = instant } })
            let fallback = TimedVoice(name: "fallback", firstAudio: { .zero })
            let router = FallbackTextToSpeech(providers: [(primary, breaker("p")), (fallback, breaker("f"))])
            for await event in router.synthesize(request) {
                if case .audio = event, let at = failed.withLock({ $0 }) {
                    samples.append(microseconds(at.duration(to: .now)))
                    break
                }
            }
        }
        return samples
    }

    static func hedging(_ runs: Int) async {
        for hedgeAfter in [nil, Duration.milliseconds(25)] {
            let observer = RecordingRoutingObserver()
            let random = Mutex(SeededRandom(seed: 11))
            let primary = TimedModel(name: "primary", firstToken: {
                random.withLock { random in
                    Double.random(in: 0..<1, using: &random) < 0.7 ? jitter(&random, 5...20) : jitter(&random, 30...200)
                }
            })
            let fallback = TimedModel(name: "fallback", firstToken: { random.withLock { jitter(&$0, 15...40) } })
            let router = FallbackLanguageModel(providers: [(primary, breaker("p")), (fallback, breaker("f"))],
                                               budget: .init(hedgeAfter: hedgeAfter), observer: observer)
            var samples: [Int64] = []
            for _ in 0..<runs {
                let start = ContinuousClock.now
                for await event in router.complete(CompletionRequest(messages: [.user("Hi")])) {
                    if case .token = event {
                        samples.append(microseconds(start.duration(to: .now)) / 1000)
                        break
                    }
                }
            }
            let settled = observer.entries.items.compactMap { entry -> Bool? in
                if case .hedgeSettled(_, _, _, let hedgeWon) = entry { hedgeWon } else { nil }
            }
            let label = hedgeAfter == nil ? "no hedging" : "hedge after 25 ms"
            print(row("time to first token, slow primary, \(label)", samples, unit: "ms"))
            if hedgeAfter != nil {
                let won = settled.filter { $0 }.count
                print("hedges started: \(observer.hedgesStarted) of \(runs) requests; hedge won \(won) of \(settled.count) "
                      + "settled races (\(settled.isEmpty ? 0 : won * 100 / settled.count) %)")
            }
        }
    }

    static func microseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
    }
}
