import Agents
import Foundation
import Logging
import Metrics
import Prometheus

/// The process's logging and metrics backends, bootstrapped once by `serve` (the only place that
/// does): swift-log to standard output at the configured level, swift-metrics into a Prometheus
/// registry that `/metrics` renders.
struct Observability: Sendable {
    let registry: PrometheusCollectorRegistry

    /// Gauge: Unix time the process started (Prometheus convention for restarts and uptime).
    static let processStartTime = "switchboard_process_start_time_seconds"

    static func bootstrap(level: LogLevel) -> Observability {
        let logLevel = Logger.Level(rawValue: level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardOutput(label: label)
            handler.logLevel = logLevel
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        Gauge(label: processStartTime).record(Date().timeIntervalSince1970)
        return Observability(registry: registry)
    }

    /// Renders the registry as Prometheus text (for the `/metrics` route).
    var metricsText: @Sendable (inout [UInt8]) -> Void {
        let registry = self.registry
        return { buffer in registry.emit(into: &buffer) }
    }
}
