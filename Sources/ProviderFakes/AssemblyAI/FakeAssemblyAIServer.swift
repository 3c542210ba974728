import Net
import Wire

/// A fake AssemblyAI Universal-Streaming v3 server (`/v3/ws`) on 127.0.0.1. As the real service does,
/// it accepts the upgrade and then refuses a wrong `Authorization` key in-band (an `Error` message, then
/// close 1008), and refuses audio messages outside 50–1000 ms (close 3007). It sends `Begin`, reports
/// `script` utterances as `Turn`s (a partial, the unformatted end of turn, and with `format_turns=true`
/// the formatted one), and answers `Terminate` with what is left of the script, `Termination` and close
/// 1000. `fault` scripts a failure; every audio byte is recorded as it arrived.
public final class FakeAssemblyAIServer: Sendable {
    public let traffic: FakeTrafficLog
    public let address: SocketAddress
    let server: HTTPServer

    /// The URL to give the adapter as `settings.base_url`.
    public var baseURL: String { "ws://127.0.0.1:\(address.port)" }

    public static func start(on group: EventLoopGroup, apiKey: String, script: [FakeUtterance],
                             fault: FakeStreamingFault? = nil) async throws -> FakeAssemblyAIServer {
        let traffic = FakeTrafficLog()
        let registry = FakeConnectionRegistry()
        var router = HTTPRouter()
        router.webSocket("/v3/ws") { upgrade in
            FakeAssemblyAIStream(upgrade: upgrade, apiKey: apiKey, script: script, fault: fault, traffic: traffic,
                                 connections: registry)
        }
        let decide: GateDecider = { head in
            traffic.update { $0.requests.append(FakeServerHost.request(head)) }
            if case .rejectUpgrade(let status, let headers, let body)? = fault {
                return .respond(status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                body: body, after: nil)
            }
            return .pass
        }
        let (server, address) = try await FakeServerHost.start(on: group, router: router, decide: decide, registry: registry)
        return FakeAssemblyAIServer(server: server, address: address, traffic: traffic)
    }

    private init(server: HTTPServer, address: SocketAddress, traffic: FakeTrafficLog) {
        self.server = server
        self.address = address
        self.traffic = traffic
    }

    /// Stops listening and closes every connection.
    public func stop() async {
        _ = await server.shutdown(drainTimeout: .zero, closeTimeout: .seconds(2))
    }
}
