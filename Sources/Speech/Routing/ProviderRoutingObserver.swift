/// Sees what provider routers do, so the executable can export metrics and logs without `Speech`
/// importing a metrics library. Called from the router's tasks (any thread); must return at once.
/// Every method has an empty default.
public protocol ProviderRoutingObserver: Sendable {
    /// A provider's circuit breaker moved (a request this router made caused it).
    func breaker(_ layer: RoutingLayer, provider: String, changedTo position: BreakerPosition)
    /// `provider` failed with `error`; the router moves to `fallback` (nil: none left, the stream fails).
    /// `midStream` says output had already been delivered to the caller.
    func failedOver(_ layer: RoutingLayer, from provider: String, to fallback: String?, error: ProviderError,
                    midStream: Bool)
    /// `primary` had no first output within the hedge budget; `hedge` was started with the same request.
    func hedgeStarted(_ layer: RoutingLayer, primary: String, hedge: String)
    /// A hedged race was decided: `winner` yielded first, the other stream was cancelled. `hedgeWon` is
    /// true when the hedge (not the primary) won.
    func hedgeSettled(_ layer: RoutingLayer, winner: String, loser: String, hedgeWon: Bool)
    /// The provider that took over after a failure yielded its first output `afterFailure` later.
    func fallbackResponded(_ layer: RoutingLayer, provider: String, afterFailure: Duration)
    /// `provider` was skipped because its breaker is open.
    func skipped(_ layer: RoutingLayer, provider: String)
}

extension ProviderRoutingObserver {
    public func breaker(_ layer: RoutingLayer, provider: String, changedTo position: BreakerPosition) {}
    public func failedOver(_ layer: RoutingLayer, from provider: String, to fallback: String?, error: ProviderError,
                           midStream: Bool) {}
    public func hedgeStarted(_ layer: RoutingLayer, primary: String, hedge: String) {}
    public func hedgeSettled(_ layer: RoutingLayer, winner: String, loser: String, hedgeWon: Bool) {}
    public func fallbackResponded(_ layer: RoutingLayer, provider: String, afterFailure: Duration) {}
    public func skipped(_ layer: RoutingLayer, provider: String) {}
}

/// The observer that ignores everything (the default).
public struct IgnoringRoutingObserver: ProviderRoutingObserver {
    public init() {}
}

/// Several observers as one, called in order.
public struct CombinedRoutingObserver: ProviderRoutingObserver {
    public let observers: [any ProviderRoutingObserver]

    public init(_ observers: [any ProviderRoutingObserver]) {
        self.observers = observers
    }

    public func breaker(_ layer: RoutingLayer, provider: String, changedTo position: BreakerPosition) {
        for observer in observers { observer.breaker(layer, provider: provider, changedTo: position) }
    }

    public func failedOver(_ layer: RoutingLayer, from provider: String, to fallback: String?, error: ProviderError,
                           midStream: Bool) {
        for observer in observers {
            observer.failedOver(layer, from: provider, to: fallback, error: error, midStream: midStream)
        }
    }

    public func hedgeStarted(_ layer: RoutingLayer, primary: String, hedge: String) {
        for observer in observers { observer.hedgeStarted(layer, primary: primary, hedge: hedge) }
    }

    public func hedgeSettled(_ layer: RoutingLayer, winner: String, loser: String, hedgeWon: Bool) {
        for observer in observers { observer.hedgeSettled(layer, winner: winner, loser: loser, hedgeWon: hedgeWon) }
    }

    public func fallbackResponded(_ layer: RoutingLayer, provider: String, afterFailure: Duration) {
        for observer in observers { observer.fallbackResponded(layer, provider: provider, afterFailure: afterFailure) }
    }

    public func skipped(_ layer: RoutingLayer, provider: String) {
        for observer in observers { observer.skipped(layer, provider: provider) }
    }
}
