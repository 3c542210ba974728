import Net

/// A fake tool webhook on loopback: each POST is recorded and answered by `respond` (a JSON answer,
/// an error status, a slow or endless reply, a huge body…). `url(path)` is what a tool's `webhook`
/// should be.
public final class FakeWebhookServer: Sendable {
    public let http: FakeHTTPStreamServer

    public var requests: [FakeHTTPRequest] { http.requests }

    private init(http: FakeHTTPStreamServer) { self.http = http }

    public static func start(on loops: EventLoopGroup,
                             respond: @escaping @Sendable (FakeHTTPRequest) -> FakeHTTPReply) async throws -> FakeWebhookServer {
        FakeWebhookServer(http: try await FakeHTTPStreamServer.start(on: loops, respond: respond))
    }

    public func url(_ path: String = "/tool") -> String { http.baseURL + path }

    public func stop() async { await http.stop() }
}
