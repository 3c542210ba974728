import Metrics
import Net
import Prometheus
import Wire

/// An `HTTPServer` on loopback with the routes the tests use, its own Prometheus registry and a log
/// of what its WebSocket handlers saw. `withTestServer` always shuts it down.
final class TestServer: Sendable {
    let group: EventLoopGroup
    let server: HTTPServer
    let port: UInt16
    let registry: PrometheusCollectorRegistry
    let readiness: ServerReadiness
    let webSocketEvents: EventLog<WebSocketEvent>

    init(group: EventLoopGroup, server: HTTPServer, port: UInt16, registry: PrometheusCollectorRegistry,
         readiness: ServerReadiness, webSocketEvents: EventLog<WebSocketEvent>) {
        self.group = group
        self.server = server
        self.port = port
        self.registry = registry
        self.readiness = readiness
        self.webSocketEvents = webSocketEvents
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
    func webSocketURL(_ path: String) -> String { "ws://127.0.0.1:\(port)\(path)" }

    /// The routes: `GET /hello`, `POST /echo` (body back, `X-Body-Length`), `GET /target` (the
    /// request target back), `GET /static/*`, health/readiness/metrics, WebSockets `/ws` (echo,
    /// commands in `TestWebSocketHandler`) and `/refused` (declined).
    static func routes(events: EventLog<WebSocketEvent>, readiness: ServerReadiness,
                       registry: PrometheusCollectorRegistry) -> HTTPRouter {
        var router = HTTPRouter()
        router.get("/hello") { _ in .text("hello") }
        router.add("POST", "/echo") { request in
            HTTPServerResponse(status: 200, headers: ["X-Body-Length": String(request.body.count)], body: request.body)
        }
        router.get("/target") { request in .text(request.head.target) }
        router.addPrefix("GET", "/static/") { request in .text("static \(request.path)") }
        router.get("/no-content") { _ in HTTPServerResponse(status: 204) }
        router.get("/bad-header") { _ in HTTPServerResponse(status: 200, headers: ["X-Bad": "a\r\nInjected: yes"]) }
        router.addOperationalEndpoints(readiness: readiness) { registry.emit(into: &$0) }
        router.webSocket("/ws") { upgrade in TestWebSocketHandler(events: events, subprotocol: upgrade.request.subprotocols.first) }
        router.webSocket("/refused") { _ in nil }
        return router
    }
}

/// Starts a test server, runs `body`, then drains and stops it (also when `body` throws).
func withTestServer<T: Sendable>(_ configuration: HTTPServerConfiguration = HTTPServerConfiguration(), loops: Int = 1,
                                 _ body: (TestServer) async throws -> T) async throws -> T {
    let group = try EventLoopGroup(loopCount: loops, name: "t-http")
    let registry = PrometheusCollectorRegistry()
    let server = HTTPServer(group: group, configuration: configuration, metricsFactory: PrometheusMetricsFactory(registry: registry))
    let events = EventLog<WebSocketEvent>()
    let readiness = ServerReadiness()
    let fixture: TestServer
    do {
        let router = TestServer.routes(events: events, readiness: readiness, registry: registry)
        let address = try await server.listen(on: .loopbackIPv4(), router: router)
        readiness.markReady()
        fixture = TestServer(group: group, server: server, port: address.port, registry: registry,
                             readiness: readiness, webSocketEvents: events)
    } catch {
        await group.shutdownGracefully()
        throw error
    }
    do {
        let result = try await body(fixture)
        _ = await server.shutdown(drainTimeout: .seconds(1), closeTimeout: .seconds(3))
        await group.shutdownGracefully()
        return result
    } catch {
        _ = await server.shutdown(drainTimeout: .zero, closeTimeout: .seconds(3))
        await group.shutdownGracefully()
        throw error
    }
}
