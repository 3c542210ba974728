import Net
import Speech
import Wire

/// A loopback fake of Cartesia's TTS WebSocket (`/tts/websocket`, Net's WebSocket server): the key is
/// checked from `X-API-Key` or the `api_key` query (a wrong one is refused with 403), `Cartesia-Version`
/// or `cartesia_version` must be present, and many contexts share one socket.
public final class FakeCartesiaServer: Sendable {
    public let log: FakeTTSLog
    public let faults: FakeFaultScript
    private let server: HTTPServer
    private let address: SocketAddress

    private init(log: FakeTTSLog, faults: FakeFaultScript, server: HTTPServer, address: SocketAddress) {
        self.log = log
        self.faults = faults
        self.server = server
        self.address = address
    }

    public static func start(on group: EventLoopGroup, apiKey: String, pacing: FakeAudioPacing = FakeAudioPacing())
        async throws -> FakeCartesiaServer
    {
        let log = FakeTTSLog()
        let faults = FakeFaultScript()
        var router = HTTPRouter()
        router.webSocket("/tts/websocket") { upgrade in
            let query = FakeTTSRequest.parseQuery(upgrade.query)
            let key = upgrade.head.headers["X-API-Key"] ?? query["api_key"]
            let version = upgrade.head.headers["Cartesia-Version"] ?? query["cartesia_version"]
            guard key == apiKey, version != nil else { return nil }
            return FakeCartesiaSocket(log: log, faults: faults, pacing: pacing)
        }
        let server = HTTPServer(group: group)
        let address = try await server.listen(on: .loopbackIPv4(), router: router)
        return FakeCartesiaServer(log: log, faults: faults, server: server, address: address)
    }

    /// `ws://127.0.0.1:<port>`.
    public var baseURL: String { "ws://127.0.0.1:\(address.port)" }

    /// Closes every open socket (a provider-side drop): their contexts fail, the next request reconnects.
    public func dropAllConnections() async { await server.closeAllConnections() }

    public func stop() async {
        _ = await server.shutdown(drainTimeout: .milliseconds(100), closeTimeout: .milliseconds(200))
    }
}
