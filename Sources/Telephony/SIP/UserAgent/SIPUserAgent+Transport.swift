import Agents
import Net
import SIP

/// Transports: binding the configured UDP/TCP/TLS addresses, reading messages off them (malformed
/// requests answered 400 through `SIPErrorResponse`), and sending on the flow a message belongs to.
extension SIPUserAgent {
    /// RFC 3261 §18.1.1 lets a UDP request up to the path MTU; SIP over UDP in practice fits 8 KiB.
    static let maxDatagramBytes = 9_000
    /// TCP/TLS connections idle this long close (keep-alive CRLFs count as activity; a call's flow
    /// normally carries a session refresh well within it).
    static let streamIdleTimeout: Duration = .seconds(900)

    /// Binds every configured listen address; returns the bound addresses (port 0 resolved).
    public func start() throws -> SIPBoundAddresses {
        var bound = SIPBoundAddresses()
        let listen = settings.config.listen
        if let udp = listen.udp {
            var options = UDPSocket.Options()
            options.maxDatagramSize = Self.maxDatagramBytes
            options.receiveBufferBytes = 1 << 20
            let socket = try UDPSocket.bind(try Self.numeric(udp), on: loop, options: options,
                                            handler: SIPDatagramReceiver(agent: self, socketIndex: udpSockets.count))
            udpSockets.append(socket)
            bound.udp = socket.localAddress
        }
        var options = TCPListener.Options()
        options.connection.idleTimeout = Self.streamIdleTimeout
        if let tcp = listen.tcp {
            let listener = try TCPListener.bind(try Self.numeric(tcp), on: loop, options: options) { [self] tcp in
                SIPStreamHandler(agent: self, link: .tcp(tcp))
            }
            listeners.append(listener)
            bound.tcp = listener.localAddress
        }
        if let tls = listen.tls {
            guard let context = settings.tlsContext else { throw SIPStartError.tlsWithoutCertificate }
            let listener = try TCPListener.bind(try Self.numeric(tls), on: loop, options: options) { [self] tcp in
                TLSConnection.wrapping(tcp, context: context) { tls in SIPStreamHandler(agent: self, link: .tls(tls)) }
            }
            listeners.append(listener)
            bound.tls = listener.localAddress
        }
        boundAddresses = bound
        startRegistrations()
        return bound
    }

    static func numeric(_ address: ListenAddress) throws(SIPStartError) -> SocketAddress {
        guard let socket = SocketAddress(host: address.host, port: UInt16(address.port)) else {
            throw .notNumeric(address.description)
        }
        return socket
    }

    func datagramReceived(_ socketIndex: Int, _ bytes: [UInt8], from source: SocketAddress) {
        guard !SIPParser.isKeepAlive(bytes), intakeAccepts(from: source) else { return }
        let flow = SIPFlow.datagram(socket: socketIndex, remote: source)
        do {
            intake(try parser.parse(datagram: bytes), on: flow)
        } catch {
            intakeMalformed(bytes, error: error, on: flow)
        }
    }

    /// RFC 4475: an invalid request gets 400 (505 for a version) when a response can be built; others
    /// are dropped.
    func refuseMalformed(_ bytes: [UInt8], error: SIPParseError, on flow: SIPFlow) {
        logger.notice("malformed SIP from \(flow.remote): \(error.reasonPhrase)")
        guard var response = SIPErrorResponse.make(for: bytes[...], error: error, toTag: Self.randomToken(), parser: parser) else { return }
        if !response.headers.via.isEmpty { ViaRouting.stamp(&response.headers.via[0], source: flow.remote) }
        send(.response(response), on: flow)
    }

    func allocateStreamID() -> Int {
        defer { nextStreamID += 1 }
        return nextStreamID
    }

    func streamOpened(_ id: Int, link: SIPStreamLink) {
        guard streams[id] == nil else { return }  // a client flow, known since its connect
        guard let remote = link.connection.remoteAddress, intakeAccepts(from: remote) else {
            link.connection.close(.immediately)
            return
        }
        streams[id] = SIPStreamState(link: link, remote: remote, parser: parser)
    }

    func streamReceived(_ id: Int, _ bytes: [UInt8]) {
        guard let state = streams[id] else { return }
        state.framer.append(bytes)
        let flow = SIPFlow.stream(id: id, remote: state.remote, secure: state.link.isSecure)
        while streams[id] != nil {
            do {
                guard let event = try state.framer.next() else { return }
                switch event {
                case .keepAlive: state.link.connection.write([0x0D, 0x0A])  // RFC 5626 §4.4.1 pong
                case .message(let message): intake(message, on: flow)
                }
            } catch {
                // The stream cannot be re-synchronized after a framing error (RFC 3261 §18.3): close it.
                logger.notice("malformed SIP stream from \(state.remote): \(error.reasonPhrase); closing")
                state.link.connection.close(.afterFlush)
                streams[id] = nil
                return
            }
        }
    }

    func streamClosed(_ id: Int) {
        streams[id] = nil
        streamLost(id)
    }

    /// Sends a message on `flow`. Responses over UDP go where their top Via says (§18.2.2, RFC 3581).
    func send(_ message: SIPMessage, on flow: SIPFlow) {
        let bytes = SIPSerializer.serialize(message)
        switch flow {
        case .datagram(let index, let remote):
            guard udpSockets.indices.contains(index) else { return }
            var destination = remote
            if case .response(let response) = message { destination = ViaRouting.responseDestination(response) ?? remote }
            let outcome = udpSockets[index].send(bytes, to: destination)
            if outcome != .sent { logger.notice("SIP datagram to \(destination) not sent: \(outcome)") }
        case .stream(let id, let remote, _):
            guard let state = streams[id], state.link.connection.isOpen else {
                logger.notice("SIP stream to \(remote) closed; message dropped")
                return
            }
            state.link.connection.write(bytes)
        }
    }

    /// Our sent-by for a flow: the advertised host and the local port of the socket or listener.
    func localHostPort(for flow: SIPFlow, requestHost: SIPHost? = nil) -> (host: SIPHost, port: UInt16) {
        let port: UInt16 = switch flow {
        case .datagram(let index, _): udpSockets.indices.contains(index) ? udpSockets[index].localAddress.port : ViaRouting.defaultPort
        case .stream(let id, _, let secure):
            streams[id]?.link.connection.localAddress?.port ?? (secure ? (boundAddresses.tls?.port ?? 5061) : (boundAddresses.tcp?.port ?? 5060))
        }
        return (advertisedHost(requestHost: requestHost), port)
    }

    /// The host we put in Via, Contact and SDP: configured, else the listen host, else the host the
    /// caller addressed (when listening on every interface).
    func advertisedHost(requestHost: SIPHost?) -> SIPHost {
        if let configured = settings.config.advertisedHost { return .parsingConfigured(configured) }
        let listen = settings.config.listen
        if let host = (listen.udp ?? listen.tcp ?? listen.tls)?.host, host != "0.0.0.0", host != "::" {
            return .parsingConfigured(host)
        }
        if let requestHost, requestHost.isAddress { return requestHost }
        return .ipv4("127.0.0.1")
    }

    /// A top Via for a request we send on `flow`, with a fresh branch and `rport` (RFC 3581).
    func newVia(for flow: SIPFlow, requestHost: SIPHost?) -> Via {
        let local = localHostPort(for: flow, requestHost: requestHost)
        return Via(transport: flow.viaTransport, host: local.host, port: local.port,
                   branch: Via.magicCookie + Self.randomToken(), parameters: [SIPParameter("rport")])
    }
}

/// The addresses a SIP user agent bound.
public struct SIPBoundAddresses: Sendable, Hashable {
    public var udp: SocketAddress?
    public var tcp: SocketAddress?
    public var tls: SocketAddress?
    public init() {}
}

/// Why the SIP service could not start.
public enum SIPStartError: Error, Sendable, Hashable {
    case notNumeric(String)
    case tlsWithoutCertificate
}
