import Metrics
import Wire

/// The HTTP and WebSocket server's metrics, through swift-metrics (names per style.md; labels are
/// bounded: the route as registered, never a raw path or a call id). Backend-neutral: the executable
/// bootstraps Prometheus; tests pass their own factory.
struct HTTPServerMetrics: Sendable {
    /// Counter, labels `route` (as registered; `unmatched` for 404s, `invalid` for unparsable
    /// requests) and `status`.
    static let requestsTotal = "switchboard_http_requests_total"
    /// Gauge: accepted connections not yet closed (HTTP and upgraded).
    static let connectionsOpen = "switchboard_http_connections_open"
    /// Counter: connections accepted.
    static let connectionsTotal = "switchboard_http_connections_total"
    /// Gauge: WebSocket sessions open.
    static let webSocketsOpen = "switchboard_websocket_connections_open"
    /// Counter, label `code`: WebSocket sessions ended, by close code (1000, 1002, 1006, 1009…).
    static let webSocketClosesTotal = "switchboard_websocket_closes_total"

    /// Counter, label `reason` (`rate`, `banned`, `per_source_open`): connections refused by the
    /// per-source limits (`HTTPSourceLimits`) before any parsing.
    static let connectionsRefusedTotal = "switchboard_http_connections_refused_total"
    /// Counter: sources banned by the per-source limits (one per ban started).
    static let sourceBansTotal = "switchboard_http_source_bans_total"

    static let unmatchedRoute = "unmatched"
    static let invalidRequestRoute = "invalid"

    let factory: any MetricsFactory
    let connectionsOpen: Meter
    let connectionsTotal: Counter
    let webSocketsOpen: Meter
    let refusedByReason: [HTTPSourceAdmission.Refusal: Counter]
    let sourceBans: Counter

    init(factory: any MetricsFactory) {
        self.factory = factory
        connectionsOpen = Meter(label: Self.connectionsOpen, factory: factory)
        connectionsTotal = Counter(label: Self.connectionsTotal, factory: factory)
        webSocketsOpen = Meter(label: Self.webSocketsOpen, factory: factory)
        var refused: [HTTPSourceAdmission.Refusal: Counter] = [:]
        for reason in [HTTPSourceAdmission.Refusal.rate, .banned, .open] {
            refused[reason] = Counter(label: Self.connectionsRefusedTotal, dimensions: [("reason", reason.rawValue)], factory: factory)
        }
        refusedByReason = refused
        sourceBans = Counter(label: Self.sourceBansTotal, factory: factory)
    }

    func connectionRefused(_ reason: HTTPSourceAdmission.Refusal, banStarted: Bool) {
        refusedByReason[reason]?.increment()
        if banStarted { sourceBans.increment() }
    }

    /// A new counter handle; callers cache it (`HTTPServerLoopState`), as making one takes the backend's lock.
    func requestCounter(route: String, status: Int) -> Counter {
        Counter(label: Self.requestsTotal, dimensions: [("route", route), ("status", String(status))], factory: factory)
    }

    func webSocketEnded(code: WebSocketCloseCode) {
        webSocketsOpen.decrement()
        Counter(label: Self.webSocketClosesTotal, dimensions: [("code", String(code.rawValue))], factory: factory).increment()
    }
}
