import Net
import Synchronization

/// A loopback HTTP/1.1 server for fake providers: every request is answered by a script
/// (`FakeHTTPReply`) chosen by `respond`, streamed with real timing over a real socket, so adapters
/// are tested through the same client, parser and deadline code as in production. Records each
/// request and reports requests and connection closes as `events` (one consumer).
public final class FakeHTTPStreamServer: Sendable {
    /// `http://127.0.0.1:<port>`.
    public let baseURL: String
    public let events: AsyncStream<FakeServerEvent>
    let respond: @Sendable (FakeHTTPRequest) -> FakeHTTPReply
    private let observe: (@Sendable (FakeServerEvent) -> Void)?
    private let continuation: AsyncStream<FakeServerEvent>.Continuation
    private let received = Mutex<[FakeHTTPRequest]>([])
    private let accepted = Mutex(0)
    private let listener = Mutex<TCPListener?>(nil)

    private init(port: Int, observe: (@Sendable (FakeServerEvent) -> Void)?,
                 respond: @escaping @Sendable (FakeHTTPRequest) -> FakeHTTPReply) {
        baseURL = "http://127.0.0.1:\(port)"
        self.respond = respond
        self.observe = observe
        (events, continuation) = AsyncStream.makeStream(of: FakeServerEvent.self)
    }

    /// Starts listening on 127.0.0.1 (a free port) on `loops`; `observe`, if given, also sees every event
    /// as it happens (on a loop thread), for fakes that keep their own log.
    public static func start(on loops: EventLoopGroup, observe: (@Sendable (FakeServerEvent) -> Void)? = nil,
                             respond: @escaping @Sendable (FakeHTTPRequest) -> FakeHTTPReply) async throws -> FakeHTTPStreamServer {
        let box = FakeServerSlot()
        let listener = try await TCPListener.bind(.loopbackIPv4(port: 0), on: loops) { tcp in
            guard let server = box.server.withLock({ $0 }) else {
                tcp.close(.immediately)
                return FakeRefusingConnection()
            }
            server.accepted.withLock { $0 += 1 }
            return FakeHTTPStreamConnection(connection: tcp, server: server)
        }
        let server = FakeHTTPStreamServer(port: Int(listener.localAddress.port), observe: observe, respond: respond)
        server.listener.withLock { $0 = listener }
        box.server.withLock { $0 = server }
        return server
    }

    /// Every request received so far, oldest first.
    public var requests: [FakeHTTPRequest] { received.withLock { $0 } }

    /// Connections accepted so far (a client reusing its connection opens one for many requests).
    public var acceptedConnections: Int { accepted.withLock { $0 } }

    /// Waits for the next connection close (skipping other events), or nil after `seconds`.
    public func nextConnectionClose(within seconds: Double = 10) async -> FakeServerEvent? {
        let events = events
        return try? await withThrowingTaskGroup(of: FakeServerEvent?.self) { group in
            group.addTask {
                for await event in events { if case .connectionClosed = event { return event } }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Stops listening (open connections stay until their peers close).
    public func stop() async {
        guard let listener = listener.withLock({ $0 }) else { return }
        await listener.close()
        continuation.finish()
    }

    func received(_ request: FakeHTTPRequest) {
        received.withLock { $0.append(request) }
        record(.requestReceived(path: request.path))
    }

    func record(_ event: FakeServerEvent) {
        observe?(event)
        continuation.yield(event)
    }
}

/// Where the accept handler finds its server once it is built.
final class FakeServerSlot: Sendable {
    let server = Mutex<FakeHTTPStreamServer?>(nil)
}

/// Handler for a connection accepted before the server finished starting (closed at once).
final class FakeRefusingConnection: ConnectionHandler {
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {}
    func connectionClosed(_ reason: CloseReason) {}
}
