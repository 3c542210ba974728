/// The provider layer a router serves; its raw value is the `stage` label of routing metrics.
public enum RoutingLayer: String, Sendable, Hashable, CaseIterable {
    case speechToText = "stt"
    case languageModel = "llm"
    case textToSpeech = "tts"
}

/// A circuit breaker's position without its deadline, as observers and metrics see it.
public enum BreakerPosition: String, Sendable, Hashable, CaseIterable {
    case closed
    case halfOpen = "half_open"
    case open

    /// The gauge value exported for this position: 0 closed, 1 half-open, 2 open.
    public var gaugeValue: Int {
        switch self {
        case .closed: 0
        case .halfOpen: 1
        case .open: 2
        }
    }
}

extension CircuitBreaker.State {
    /// The position, without the open deadline.
    public var position: BreakerPosition {
        switch self {
        case .closed: .closed
        case .halfOpen: .halfOpen
        case .open: .open
        }
    }
}
