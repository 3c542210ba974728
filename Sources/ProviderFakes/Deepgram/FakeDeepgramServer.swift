import Net
import Wire

/// A fake Deepgram live server (`/v1/listen`) on 127.0.0.1: checks `Authorization: Token <key>` (401
/// with Deepgram's JSON error otherwise) and that `encoding` and `sample_rate` are given (400), records
/// every audio byte as it arrived, and reports `script` utterances as Deepgram does: `SpeechStarted`,
/// an interim `Results`, a final `Results` with `speech_final`, `UtteranceEnd`. On `CloseStream` it
/// reports what is left of the script, sends `Metadata` and closes with 1000. `fault` scripts a failure.
public final class FakeDeepgramServer: Sendable {
    public let traffic: FakeTrafficLog
    public let address: SocketAddress
    let server: HTTPServer
    let connections: FakeConnectionRegistry

    /// The URL to give the adapter as `settings.base_url`.
    public var baseURL: String { "ws://127.0.0.1:\(address.port)" }

    public static func start(on group: EventLoopGroup, apiKey: String, script: [FakeUtterance],
                             fault: FakeStreamingFault? = nil) async throws -> FakeDeepgramServer {
        let traffic = FakeTrafficLog()
        let registry = FakeConnectionRegistry()
        var router = HTTPRouter()
        router.webSocket("/v1/listen") { upgrade in
            FakeDeepgramStream(upgrade: upgrade, script: script, fault: fault, traffic: traffic, connections: registry)
        }
        let decide: GateDecider = { head in
            traffic.update { $0.requests.append(FakeServerHost.request(head)) }
            return Self.decide(head, apiKey: apiKey, fault: fault)
        }
        let (server, address) = try await FakeServerHost.start(on: group, router: router, decide: decide, registry: registry)
        return FakeDeepgramServer(server: server, address: address, traffic: traffic, connections: registry)
    }

    private init(server: HTTPServer, address: SocketAddress, traffic: FakeTrafficLog, connections: FakeConnectionRegistry) {
        self.server = server
        self.address = address
        self.connections = connections
        self.traffic = traffic
    }

    /// Stops listening and closes every connection.
    public func stop() async {
        _ = await server.shutdown(drainTimeout: .zero, closeTimeout: .seconds(2))
    }

    static func decide(_ head: HTTPRequestHead, apiKey: String, fault: FakeStreamingFault?) -> GateDecision {
        guard head.path == "/v1/listen" else { return .pass }
        guard head.headers["Authorization"] == "Token \(apiKey)" else {
            return .respond(status: 401, headers: [("dg-error", "Invalid credentials.")],
                            body: #"{"err_code":"INVALID_AUTH","err_msg":"Invalid credentials.","request_id":"fake-401"}"#, after: nil)
        }
        let query = FakeServerHost.request(head)
        guard !query.queryValues("encoding").isEmpty, !query.queryValues("sample_rate").isEmpty else {
            return .respond(status: 400, headers: [("dg-error", "encoding and sample_rate are required for raw audio")],
                            body: #"{"err_code":"Bad Request","err_msg":"encoding and sample_rate are required for raw audio","request_id":"fake-400"}"#,
                            after: nil)
        }
        if case .rejectUpgrade(let status, let headers, let body)? = fault {
            return .respond(status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, body: body, after: nil)
        }
        return .pass
    }
}
