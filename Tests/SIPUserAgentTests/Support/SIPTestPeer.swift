import Net
import SIP
import SwitchboardTesting
import Synchronization

/// A scripted SIP peer for the tests: sends raw SIP text over UDP or TCP from its own loop and records
/// every message it receives (parsed), so a test awaits each expected response or request in turn.
final class SIPTestPeer: Sendable {
    enum Link: Sendable {
        case udp(UDPSocket)
        case tcp(TCPConnection)
    }

    let group: EventLoopGroup
    let link: Link
    private let target: Mutex<SocketAddress>
    /// Where `send` goes: the user agent's socket.
    var server: SocketAddress { target.withLock { $0 } }
    let local: SocketAddress
    let inbox = EventLog<SIPMessage>()
    let garbage = Mutex(0)

    private init(group: EventLoopGroup, link: Link, server: SocketAddress, local: SocketAddress) {
        self.group = group
        self.link = link
        self.target = Mutex(server)
        self.local = local
    }

    /// Points `send` at another address (a registrar or proxy peer created before the user agent).
    func retarget(_ address: SocketAddress) { target.withLock { $0 = address } }

    var transport: String { if case .tcp = link { "TCP" } else { "UDP" } }

    /// A UDP peer bound to `local` (another 127.0.0.x address plays another source host).
    static func udp(to server: SocketAddress, from local: SocketAddress = .loopbackIPv4()) async throws -> SIPTestPeer {
        let group = try EventLoopGroup(loopCount: 1, name: "t-sip-peer")
        let loop = group.next()
        let receiver = PeerReceiver()
        let socket = try await loop.submit { try UDPSocket.bind(local, on: loop, handler: receiver) }
        let peer = SIPTestPeer(group: group, link: .udp(socket), server: server, local: socket.localAddress)
        receiver.peer.withLock { $0 = peer }
        return peer
    }

    static func tcp(to server: SocketAddress) async throws -> SIPTestPeer {
        let group = try EventLoopGroup(loopCount: 1, name: "t-sip-peer")
        let loop = group.next()
        let receiver = PeerReceiver()
        let connection = try await loop.submit { try TCPConnection.connect(to: server, on: loop) { _ in receiver } }
        let local = try await withTimeout(5, "tcp connect") {
            while true {
                if let address = try await loop.submit({ connection.localAddress }), address.port != 0 { return address }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let peer = SIPTestPeer(group: group, link: .tcp(connection), server: server, local: local)
        receiver.peer.withLock { $0 = peer }
        return peer
    }

    func send(_ text: String) async throws {
        let bytes = Array(text.utf8)
        switch link {
        case .udp(let socket):
            let server = self.server
            _ = try await socket.loop.submit { socket.send(bytes, to: server) }
        case .tcp(let connection):
            _ = try await connection.loop.submit { connection.write(bytes) }
        }
    }

    /// Sends every text back to back in one turn of the peer's loop (a burst, as a flooder sends).
    func sendBurst(_ texts: [String]) async throws {
        let messages = texts.map { Array($0.utf8) }
        switch link {
        case .udp(let socket):
            let server = self.server
            _ = try await socket.loop.submit { for bytes in messages { _ = socket.send(bytes, to: server) } }
        case .tcp(let connection):
            _ = try await connection.loop.submit { for bytes in messages { connection.write(bytes) } }
        }
    }

    /// The next response with `status` for `method` (others before it are skipped).
    func response(_ status: Int, _ method: SIPMethod = .invite, sequence: UInt32? = nil,
                  within seconds: Double = 10) async throws -> SIPResponse {
        let message = try await inbox.first(within: seconds, "\(status) for \(method)") {
            $0.response?.statusCode == status && $0.response?.headers.cseq.method == method
                && (sequence == nil || $0.response?.headers.cseq.sequence == sequence)
        }
        return message.response!
    }

    /// The next response for `method`, whatever its status, skipping provisional ones.
    func finalResponse(_ method: SIPMethod = .invite, callID: String? = nil, within seconds: Double = 10) async throws -> SIPResponse {
        let message = try await inbox.first(within: seconds, "final response for \(method)") {
            ($0.response?.statusCode ?? 0) >= 200 && $0.response?.headers.cseq.method == method
                && (callID == nil || $0.response?.headers.callID == callID)
        }
        return message.response!
    }

    func request(_ method: SIPMethod, within seconds: Double = 10) async throws -> SIPRequest {
        try await inbox.first(within: seconds, "\(method) request") { $0.request?.method == method }.request!
    }

    func close() async {
        await group.shutdownGracefully()
    }
}

/// Parses what the peer receives (datagrams or a stream) into its inbox.
final class PeerReceiver: DatagramHandler, ConnectionHandler, Sendable {
    let peer = Mutex<SIPTestPeer?>(nil)
    let framer = Mutex(SIPStreamFramer())

    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        deliver(try? SIPParser().parse(datagram: Array(bytes)))
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        let copy = Array(bytes)
        let messages: [SIPMessage] = framer.withLock { framer in
            framer.append(copy)
            var out: [SIPMessage] = []
            while let event = try? framer.next() { if case .message(let message) = event { out.append(message) } }
            return out
        }
        for message in messages { deliver(message) }
    }

    func connectionClosed(_ reason: CloseReason) {}

    private func deliver(_ message: SIPMessage?) {
        guard let peer = peer.withLock({ $0 }) else { return }
        guard let message else { peer.garbage.withLock { $0 += 1 }; return }
        peer.inbox.record(message)
    }
}
