import Net
import Wire

/// A loopback HTTP/1.1 server for fake providers whose answers stream (TTS audio): Net's TCP listener
/// and Wire's request parser, answering each request with a `FakeTTSHTTPReply` played piece by piece on
/// the connection's loop (Net's `HTTPServer` answers whole bodies only). One request per connection
/// (`Connection: close`), so a client abandoning a stream shows up as `clientClosedEarly`.
public final class FakeStreamingHTTPServer: Sendable {
    public typealias Responder = @Sendable (FakeTTSRequest) -> FakeTTSHTTPReply

    public let address: SocketAddress
    private let listener: TCPListener

    private init(listener: TCPListener) {
        self.listener = listener
        address = listener.localAddress
    }

    /// Listens on 127.0.0.1 (any free port) on `group`.
    public static func start(on group: EventLoopGroup, log: FakeTTSLog, respond: @escaping Responder) async throws -> FakeStreamingHTTPServer {
        let address = SocketAddress.loopbackIPv4()
        let listener = try await TCPListener.bind(address, on: group) { tcp in
            FakeStreamingHTTPConnection(connection: tcp, log: log, respond: respond)
        }
        return FakeStreamingHTTPServer(listener: listener)
    }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(address.port)" }

    public func stop() async { await listener.close() }
}
