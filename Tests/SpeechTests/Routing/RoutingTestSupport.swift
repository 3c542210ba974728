import Speech
import SwitchboardTesting

/// A virtual clock with a routing clock on it, breakers made on that clock, and an observer.
struct RoutingWorld {
    let clock = VirtualClock()
    let routingClock: RoutingClock
    let observer = RecordingRoutingObserver()

    init() {
        routingClock = RoutingClock(clock)
    }

    func breaker(_ name: String, policy: CircuitBreakerPolicy = CircuitBreakerPolicy()) -> SharedCircuitBreaker {
        SharedCircuitBreaker(provider: name, policy: policy, clock: routingClock)
    }

    func languageModel(_ models: [FakeLanguageModel], budget: RouterBudgets.Layer = .init(),
                       policy: CircuitBreakerPolicy = CircuitBreakerPolicy()) -> FallbackLanguageModel {
        FallbackLanguageModel(providers: models.map { ($0, breaker($0.name, policy: policy)) }, budget: budget,
                              clock: routingClock, observer: observer)
    }

    func textToSpeech(_ voices: [FakeTextToSpeech], budget: RouterBudgets.Layer = .init()) -> FallbackTextToSpeech {
        FallbackTextToSpeech(providers: voices.map { ($0, breaker($0.name)) }, budget: budget, clock: routingClock,
                             observer: observer)
    }
}

let sampleRequest = CompletionRequest(messages: [.system("Be brief."), .user("What's the weather?")])
let sampleSentence = SynthesisRequest(text: "It is sunny today.", voice: "v", format: .telephony)

extension [CompletionEvent] {
    var text: String {
        compactMap { if case .token(let text) = $0 { text } else { nil } }.joined()
    }
}

extension [SynthesisEvent] {
    var audioBytes: [UInt8] {
        var bytes: [UInt8] = []
        for case .audio(let chunk) in self { bytes += chunk.bytes }
        return bytes
    }
}
