import Net
import Wire

/// What a fake server does with a connection's first request, decided from its head before Net's HTTP
/// server sees it: pass it on (a WebSocket upgrade or a route), answer with any status (Net's router
/// can only refuse an upgrade with 403, but providers answer 401, 429 or 500 with a JSON body), answer
/// late, hang up, or never answer.
public enum GateDecision: Sendable {
    case pass
    case respond(status: Int, headers: [(String, String)], body: String, after: Duration?)
    /// Close the TCP connection at once, no response.
    case hangUp
    /// Read and ignore everything; never answer.
    case ignore
}

/// Decides a connection's first request (on its loop thread).
public typealias GateDecider = @Sendable (HTTPRequestHead) -> GateDecision

/// The `HTTPConnectionLayer` a fake server installs: holds a new connection's bytes until the first
/// request head is complete, asks the `GateDecider`, then either hands the connection (with the held
/// bytes) to the HTTP handler or answers itself. Registers every TCP connection in a
/// `FakeConnectionRegistry`, so a fake can cut one abruptly (a disconnect mid-stream).
final class UpgradeGate: ConnectionHandler {
    /// A head larger than this is refused by closing (the fake's clients send small heads).
    static let maxHeadBytes = 64 * 1024

    private let tcp: TCPConnection
    private let makeHTTPHandler: (any Connection) -> any ConnectionHandler
    private let decide: GateDecider
    private let registry: FakeConnectionRegistry
    private var held: [UInt8] = []
    private var inner: (any ConnectionHandler)?
    private var decided = false

    init(tcp: TCPConnection, makeHTTPHandler: @escaping (any Connection) -> any ConnectionHandler, decide: @escaping GateDecider,
         registry: FakeConnectionRegistry) {
        self.tcp = tcp
        self.makeHTTPHandler = makeHTTPHandler
        self.decide = decide
        self.registry = registry
    }

    /// The layer for `HTTPServer.listen`.
    static func layer(decide: @escaping GateDecider, registry: FakeConnectionRegistry) -> HTTPConnectionLayer {
        { tcp, makeHTTPHandler in
            UpgradeGate(tcp: tcp, makeHTTPHandler: makeHTTPHandler, decide: decide, registry: registry)
        }
    }

    func connectionActive() {
        registry.add(tcp)
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        if let inner {
            inner.connectionReceived(bytes)
            return
        }
        guard !decided else { return }
        held.append(contentsOf: bytes)
        guard let head = completeHead() else {
            if held.count > Self.maxHeadBytes { tcp.close(.immediately) }
            return
        }
        switch decide(head) {
        case .pass:
            let handler = makeHTTPHandler(tcp)
            inner = handler
            handler.connectionActive()
            held.withUnsafeBytes { handler.connectionReceived($0) }
            held = []
        case .respond(let status, let headers, let body, let delay):
            decided = true
            held = []
            let response = Self.response(status: status, headers: headers, body: body)
            if let delay {
                tcp.loop.scheduleLocalTimer(after: delay) { [tcp] in
                    tcp.write(response)
                    tcp.close(.afterFlush)
                }
            } else {
                tcp.write(response)
                tcp.close(.afterFlush)
            }
        case .hangUp:
            decided = true
            tcp.close(.immediately)
        case .ignore:
            decided = true
            held = []
        }
    }

    func connectionInputEnded() { inner?.connectionInputEnded() }
    func connectionWritable() { inner?.connectionWritable() }

    func connectionClosed(_ reason: CloseReason) {
        registry.remove(tcp)
        inner?.connectionClosed(reason)
        inner = nil
    }

    /// The first request's head once all of it is held.
    private func completeHead() -> HTTPRequestHead? {
        var parser = HTTPRequestParser()
        parser.append(held)
        guard case .head(let head)? = try? parser.nextEvent() else { return nil }
        return head
    }

    private static func response(status: Int, headers: [(String, String)], body: String) -> [UInt8] {
        var fields = HTTPHeaders(headers)
        fields.replaceOrAdd(name: "Connection", value: "close")
        if !fields.contains("Content-Type") { fields.add(name: "Content-Type", value: "application/json") }
        return (try? HTTPSerializer.response(HTTPResponseHead(status: status, headers: fields), body: Array(body.utf8))) ?? []
    }
}
