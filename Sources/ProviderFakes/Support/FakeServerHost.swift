import Net
import Wire

/// Starts a fake provider on 127.0.0.1 (any free port) with Net's HTTP server behind an `UpgradeGate`.
enum FakeServerHost {
    static func start(on group: EventLoopGroup, router: HTTPRouter, decide: @escaping GateDecider,
                      registry: FakeConnectionRegistry) async throws -> (HTTPServer, SocketAddress) {
        var configuration = HTTPServerConfiguration()
        configuration.parserLimits = HTTPParserLimits(maxBodyBytes: 32 * 1024 * 1024)
        let server = HTTPServer(group: group, configuration: configuration)
        let address = try await server.listen(on: .loopbackIPv4(port: 0), router: router,
                                              layer: UpgradeGate.layer(decide: decide, registry: registry))
        return (server, address)
    }

    /// The head's fields as pairs, for `FakeTraffic.Request`.
    static func request(_ head: HTTPRequestHead) -> FakeTraffic.Request {
        FakeTraffic.Request(method: head.method, path: String(head.path), query: head.query.map(String.init) ?? "",
                            headers: head.headers.map { ($0.name, $0.value) })
    }
}
