import Net
import SIP

/// A TCP or TLS connection carrying SIP (both are `Sendable` loop-confined objects from `Net`).
enum SIPStreamLink: Sendable {
    case tcp(TCPConnection)
    case tls(TLSConnection)

    var connection: any Connection {
        switch self {
        case .tcp(let connection): connection
        case .tls(let connection): connection
        }
    }

    var isSecure: Bool { if case .tls = self { true } else { false } }
}

/// One open SIP stream as the user agent keeps it: the link, the peer, and the framer cutting messages
/// out of the bytes (RFC 3261 §18.3). Loop-confined; owned by the user agent.
final class SIPStreamState {
    let link: SIPStreamLink
    let remote: SocketAddress
    var framer: SIPStreamFramer

    init(link: SIPStreamLink, remote: SocketAddress, parser: SIPParser) {
        self.link = link
        self.remote = remote
        self.framer = SIPStreamFramer(parser: parser)
    }
}

/// Hands a SIP connection's events to the user agent (same loop: `assumeIsolated`, no hop). Holds no
/// state of its own.
final class SIPStreamHandler: ConnectionHandler, Sendable {
    let agent: SIPUserAgent
    let link: SIPStreamLink
    let id: Int

    init(agent: SIPUserAgent, link: SIPStreamLink) {
        self.agent = agent
        self.link = link
        self.id = agent.assumeIsolated { $0.allocateStreamID() }
    }

    func connectionActive() {
        agent.assumeIsolated { [link, id] in $0.streamOpened(id, link: link) }
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        let copy = [UInt8](bytes)
        agent.assumeIsolated { [id] in $0.streamReceived(id, copy) }
    }

    func connectionClosed(_ reason: CloseReason) {
        agent.assumeIsolated { [id] in $0.streamClosed(id) }
    }
}

/// Hands datagrams of one UDP socket to the user agent.
final class SIPDatagramReceiver: DatagramHandler, Sendable {
    let agent: SIPUserAgent
    let socketIndex: Int

    init(agent: SIPUserAgent, socketIndex: Int) {
        self.agent = agent
        self.socketIndex = socketIndex
    }

    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        let copy = [UInt8](bytes)
        agent.assumeIsolated { [socketIndex] in $0.datagramReceived(socketIndex, copy, from: source) }
    }
}
