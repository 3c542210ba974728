import Metrics

/// What the server keeps per event loop, touched only on that loop's thread: its live connections
/// (for draining), whether it is draining, cached metric handles and the `Date` value. Keeping these
/// per loop means no lock on the request path.
final class HTTPServerLoopState {
    let loop: EventLoop
    private(set) var connections: [ObjectIdentifier: HTTPServerConnection] = [:]
    /// Set when the server starts draining: responses carry `Connection: close`, upgrades get 503.
    var isDraining = false
    private var requestCounters: [String: [Int: Counter]] = [:]
    private var date = HTTPDateCache()

    init(loop: EventLoop) {
        self.loop = loop
    }

    func register(_ connection: HTTPServerConnection) { connections[ObjectIdentifier(connection)] = connection }
    func unregister(_ connection: HTTPServerConnection) { connections[ObjectIdentifier(connection)] = nil }

    func countRequest(route: String, status: Int, metrics: HTTPServerMetrics) {
        if let counter = requestCounters[route]?[status] {
            counter.increment()
            return
        }
        let counter = metrics.requestCounter(route: route, status: status)
        requestCounters[route, default: [:]][status] = counter
        counter.increment()
    }

    func httpDate() -> String { date.current() }
}
