import Logging
import Metrics
import Speech

/// Exports what the provider routers of one agent do, through swift-metrics (Prometheus in `serve`) and
/// the log. Labels are `agent`, `provider`, `stage` (`stt`/`llm`/`tts`) and `outcome`; never a call id.
///
/// | metric | kind | labels |
/// | --- | --- | --- |
/// | `switchboard_provider_breaker_state` | gauge: 0 closed, 1 half-open, 2 open | agent, provider, stage |
/// | `switchboard_provider_breaker_transitions_total` | counter | agent, provider, stage, outcome (new position) |
/// | `switchboard_provider_failovers_total` | counter | agent, provider (the one that failed), stage, outcome (`before_output`/`mid_stream`/`exhausted`) |
/// | `switchboard_provider_skipped_total` | counter | agent, provider, stage |
/// | `switchboard_hedges_started_total` | counter | agent, provider (the hedge), stage |
/// | `switchboard_hedges_settled_total` | counter | agent, provider (the winner), stage, outcome (`hedge_won`/`primary_won`) |
/// | `switchboard_failover_recovery_seconds` | timer | agent, provider (the fallback), stage |
struct SwiftMetricsRoutingObserver: ProviderRoutingObserver {
    static let breakerState = "switchboard_provider_breaker_state"
    static let breakerTransitions = "switchboard_provider_breaker_transitions_total"
    static let failovers = "switchboard_provider_failovers_total"
    static let skipped = "switchboard_provider_skipped_total"
    static let hedgesStarted = "switchboard_hedges_started_total"
    static let hedgesSettled = "switchboard_hedges_settled_total"
    static let recovery = "switchboard_failover_recovery_seconds"

    let agent: String
    let logger: Logger

    private func labels(_ layer: RoutingLayer, _ provider: String, outcome: String? = nil) -> [(String, String)] {
        var pairs = [("agent", agent), ("provider", provider), ("stage", layer.rawValue)]
        if let outcome { pairs.append(("outcome", outcome)) }
        return pairs
    }

    func breaker(_ layer: RoutingLayer, provider: String, changedTo position: BreakerPosition) {
        Gauge(label: Self.breakerState, dimensions: labels(layer, provider)).record(position.gaugeValue)
        Counter(label: Self.breakerTransitions, dimensions: labels(layer, provider, outcome: position.rawValue)).increment()
        logger.warning("circuit breaker moved", metadata: [
            "agent": "\(agent)", "stage": "\(layer.rawValue)", "provider": "\(provider)", "state": "\(position.rawValue)",
        ])
    }

    func failedOver(_ layer: RoutingLayer, from provider: String, to fallback: String?, error: ProviderError,
                    midStream: Bool) {
        let outcome = fallback == nil ? "exhausted" : midStream ? "mid_stream" : "before_output"
        Counter(label: Self.failovers, dimensions: labels(layer, provider, outcome: outcome)).increment()
        logger.notice("provider failed over", metadata: [
            "agent": "\(agent)", "stage": "\(layer.rawValue)", "provider": "\(provider)",
            "fallback": "\(fallback ?? "none")", "error": "\(error)", "mid_stream": "\(midStream)",
        ])
    }

    func skipped(_ layer: RoutingLayer, provider: String) {
        Counter(label: Self.skipped, dimensions: labels(layer, provider)).increment()
    }

    func hedgeStarted(_ layer: RoutingLayer, primary: String, hedge: String) {
        Counter(label: Self.hedgesStarted, dimensions: labels(layer, hedge)).increment()
    }

    func hedgeSettled(_ layer: RoutingLayer, winner: String, loser: String, hedgeWon: Bool) {
        Counter(label: Self.hedgesSettled, dimensions: labels(layer, winner, outcome: hedgeWon ? "hedge_won" : "primary_won"))
            .increment()
    }

    func fallbackResponded(_ layer: RoutingLayer, provider: String, afterFailure: Duration) {
        let (seconds, attoseconds) = afterFailure.components
        Metrics.Timer(label: Self.recovery, dimensions: labels(layer, provider))
            .recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

extension SwiftMetricsRoutingObserver {
    /// Publishes every breaker's current position (closed at start), so the gauge exists before the
    /// first transition.
    func publishInitialStates(_ breakers: [(RoutingLayer, SharedCircuitBreaker)]) {
        for (layer, breaker) in breakers {
            Gauge(label: Self.breakerState, dimensions: labels(layer, breaker.provider)).record(breaker.position.gaugeValue)
        }
    }
}
