import Wire

/// The operational endpoints every listener of `switchboard serve` may carry.
extension HTTPRouter {
    /// Prometheus text exposition format 0.0.4.
    public static let prometheusContentType = "text/plain; version=0.0.4; charset=utf-8"

    /// `GET /healthz`: 200 `ok` while the process serves at all.
    /// `GET /readyz`: 200 `ready` when `readiness` is ready, else 503 `starting` or `draining`.
    /// `GET /metrics` (when `metricsText` is given): 200, Prometheus text of whatever `metricsText`
    /// renders (the executable passes its registry's `emit(into:)`). All are synchronous on the loop.
    public mutating func addOperationalEndpoints(readiness: ServerReadiness,
                                                 metricsText: (@Sendable (inout [UInt8]) -> Void)? = nil) {
        get("/healthz") { _ in .text("ok\n") }
        get("/readyz") { _ in
            let state = readiness.current
            return .text("\(state.rawValue)\n", status: state == .ready ? 200 : 503)
        }
        if let metricsText {
            get("/metrics") { _ in
                var body: [UInt8] = []
                body.reserveCapacity(16 * 1024)
                metricsText(&body)
                return HTTPServerResponse(status: 200, headers: ["Content-Type": Self.prometheusContentType], body: body)
            }
        }
    }
}
