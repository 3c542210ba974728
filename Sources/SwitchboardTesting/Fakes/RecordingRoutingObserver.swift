import Speech

/// A `ProviderRoutingObserver` that records everything a router reports, for tests and benchmarks.
public final class RecordingRoutingObserver: ProviderRoutingObserver {
    /// One report of a router.
    public enum Entry: Sendable, Hashable {
        case breaker(RoutingLayer, provider: String, BreakerPosition)
        case failedOver(RoutingLayer, from: String, to: String?, error: ProviderError, midStream: Bool)
        case hedgeStarted(RoutingLayer, primary: String, hedge: String)
        case hedgeSettled(RoutingLayer, winner: String, loser: String, hedgeWon: Bool)
        case fallbackResponded(RoutingLayer, provider: String, afterFailure: Duration)
        case skipped(RoutingLayer, provider: String)
    }

    public let entries = ObservationLog<Entry>()

    public init() {}

    public func breaker(_ layer: RoutingLayer, provider: String, changedTo position: BreakerPosition) {
        entries.append(.breaker(layer, provider: provider, position))
    }

    public func failedOver(_ layer: RoutingLayer, from provider: String, to fallback: String?, error: ProviderError,
                           midStream: Bool) {
        entries.append(.failedOver(layer, from: provider, to: fallback, error: error, midStream: midStream))
    }

    public func hedgeStarted(_ layer: RoutingLayer, primary: String, hedge: String) {
        entries.append(.hedgeStarted(layer, primary: primary, hedge: hedge))
    }

    public func hedgeSettled(_ layer: RoutingLayer, winner: String, loser: String, hedgeWon: Bool) {
        entries.append(.hedgeSettled(layer, winner: winner, loser: loser, hedgeWon: hedgeWon))
    }

    public func fallbackResponded(_ layer: RoutingLayer, provider: String, afterFailure: Duration) {
        entries.append(.fallbackResponded(layer, provider: provider, afterFailure: afterFailure))
    }

    public func skipped(_ layer: RoutingLayer, provider: String) {
        entries.append(.skipped(layer, provider: provider))
    }

    /// The breaker positions reported for `provider`, in order.
    public func positions(of provider: String) -> [BreakerPosition] {
        entries.items.compactMap {
            if case .breaker(_, provider, let position) = $0 { position } else { nil }
        }
    }

    /// Whether any hedge was started.
    public var hedgesStarted: Int {
        entries.items.count { if case .hedgeStarted = $0 { true } else { false } }
    }
}

/// Reads a provider stream to its end in a task, recording every event, so a test can await events.
public final class StreamRecorder<Event: Sendable>: Sendable {
    public let events = ObservationLog<Event>()
    private let task: Guarded<Task<Void, Never>?> = Guarded(nil)
    /// Fires when the stream ended (for the consumer).
    public let ended = ObservationLog<Bool>()

    public init(_ stream: AsyncStream<Event>) {
        let events = self.events
        let ended = self.ended
        let reader = Task {
            for await event in stream { events.append(event) }
            ended.append(true)
        }
        task.withLock { $0 = reader }
    }

    /// Cancels the reading task (the consumer goes away: the stream's producer must stop).
    public func cancel() { task.withLock { $0 }?.cancel() }

    /// Waits until the stream ended and returns every event.
    public func all() async throws -> [Event] {
        try await ended.wait(for: "the stream's end") { !$0.isEmpty }
        return events.items
    }
}
