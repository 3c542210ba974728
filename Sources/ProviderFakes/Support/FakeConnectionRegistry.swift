import Net
import Synchronization

/// The TCP connections a fake server has open, by the client's port, so a stream handler can cut its
/// own connection without a close frame (a provider disconnecting mid-stream).
public final class FakeConnectionRegistry: Sendable {
    private let connections = Mutex<[UInt16: TCPConnection]>([:])

    public init() {}

    func add(_ tcp: TCPConnection) {
        guard let port = tcp.remoteAddress?.port else { return }
        connections.withLock { $0[port] = tcp }
    }

    func remove(_ tcp: TCPConnection) {
        guard let port = tcp.remoteAddress?.port else { return }
        connections.withLock { if $0[port] === tcp { $0[port] = nil } }
    }

    /// Closes the connection from `client` at once, dropping queued output (on its loop).
    public func cut(client: SocketAddress?) {
        guard let port = client?.port, let tcp = connections.withLock({ $0[port] }) else { return }
        if tcp.loop.inEventLoop { tcp.close(.immediately) } else { tcp.loop.execute { tcp.close(.immediately) } }
    }
}
