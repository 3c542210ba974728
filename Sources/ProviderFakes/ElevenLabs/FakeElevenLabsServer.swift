import Net
import Speech
import Wire

/// A loopback fake of ElevenLabs text-to-speech: the HTTP streaming endpoint (`httpBaseURL`) and the
/// `stream-input` WebSocket (`webSocketBaseURL`, Net's WebSocket server; a wrong `xi-api-key` is refused
/// with 403). Both speak `FakeTone` in the requested `output_format` and take scripted faults.
public final class FakeElevenLabsServer: Sendable {
    public let log: FakeTTSLog
    public let faults: FakeFaultScript
    public let voiceID: String
    private let http: FakeHTTPStreamServer
    private let webSocketServer: HTTPServer
    private let webSocketAddress: SocketAddress

    private init(log: FakeTTSLog, faults: FakeFaultScript, voiceID: String, http: FakeHTTPStreamServer, webSocketServer: HTTPServer,
                 webSocketAddress: SocketAddress) {
        self.log = log
        self.faults = faults
        self.voiceID = voiceID
        self.http = http
        self.webSocketServer = webSocketServer
        self.webSocketAddress = webSocketAddress
    }

    public static func start(on group: EventLoopGroup, apiKey: String, voiceID: String = "fake-voice",
                             pacing: FakeAudioPacing = FakeAudioPacing()) async throws -> FakeElevenLabsServer {
        let log = FakeTTSLog()
        let faults = FakeFaultScript()
        let http = try await FakeHTTPStreamServer.start(on: group, log: log) { request in
            FakeElevenLabsHTTP.reply(to: request, apiKey: apiKey, voiceID: voiceID, pacing: pacing, fault: faults.next())
        }
        let path = "/v1/text-to-speech/\(voiceID)/stream-input"
        var router = HTTPRouter()
        router.webSocket(path) { upgrade in
            guard upgrade.head.headers["xi-api-key"] == apiKey else { return nil }
            let query = FakeTTSRequest.parseQuery(upgrade.query)
            let format = FakeElevenLabsHTTP.format(query["output_format"]) ?? .telephony
            return FakeElevenLabsSocket(log: log, format: format, pacing: pacing, fault: faults.next(), path: path)
        }
        let server = HTTPServer(group: group)
        let address = try await server.listen(on: .loopbackIPv4(), router: router)
        return FakeElevenLabsServer(log: log, faults: faults, voiceID: voiceID, http: http, webSocketServer: server,
                                    webSocketAddress: address)
    }

    /// `http://127.0.0.1:<port>` of the HTTP streaming endpoint.
    public var httpBaseURL: String { http.baseURL }
    /// `http://127.0.0.1:<port>` of the WebSocket endpoint (the adapter turns http into ws).
    public var webSocketBaseURL: String { "http://127.0.0.1:\(webSocketAddress.port)" }

    public func stop() async {
        await http.stop()
        _ = await webSocketServer.shutdown(drainTimeout: .milliseconds(100), closeTimeout: .milliseconds(200))
    }
}
