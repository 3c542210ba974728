import Agents
import Net
import SIP

/// Client flows (RFC 3261 §18.1.1, with RFC 5626-style reuse): the connection a registration or a trunk's
/// outbound calls send on. UDP uses our first UDP socket; TCP and TLS open one connection per target and
/// keep it, so responses and in-dialog requests come back on it (it is a stream like an accepted one:
/// the same framer, dispatch and keep-alive answers). A closed connection fails the transactions on it
/// and is opened again by the next request.
extension SIPUserAgent {
    /// Open client TCP/TLS connections (registrations, outbound trunks).
    public var clientConnectionCount: Int { Set(clientFlows.values).filter { streams[$0] != nil }.count }

    /// The flow to `remote` over `transport`, opening a TCP/TLS connection unless one is open.
    /// `serverName` is what a TLS server's certificate must name (the configured host).
    func clientFlow(to remote: SocketAddress, transport: SIPClientTransport, serverName: String) throws(SIPClientFlowError) -> SIPFlow {
        let key = ClientFlowKey(remote: remote, transport: transport, serverName: serverName)
        if transport == .udp {
            guard !udpSockets.isEmpty else { throw .noUDPListener }
            return .datagram(socket: 0, remote: remote)
        }
        if let id = clientFlows[key], let state = streams[id], state.link.connection.isOpen {
            return .stream(id: id, remote: remote, secure: transport == .tls)
        }
        var options = TCPConnection.Options()
        options.idleTimeout = Self.streamIdleTimeout
        var made: SIPStreamHandler?
        let link: SIPStreamLink
        do {
            if transport == .tls {
                let context = try clientTLSContext()
                link = .tls(try TLSConnection.connect(to: remote, serverName: serverName, context: context, on: loop, tcpOptions: options) {
                    let handler = SIPStreamHandler(agent: self, link: .tls($0))
                    made = handler
                    return handler
                })
            } else {
                link = .tcp(try TCPConnection.connect(to: remote, on: loop, options: options) {
                    let handler = SIPStreamHandler(agent: self, link: .tcp($0))
                    made = handler
                    return handler
                })
            }
        } catch let error as SIPClientFlowError {
            throw error
        } catch {
            throw .connectFailed("\(error)")
        }
        guard let handler = made else { throw .connectFailed("no handler") }
        // Known at once so requests can be written (queued until the connect or handshake completes).
        streams[handler.id] = SIPStreamState(link: link, remote: remote, parser: parser)
        clientFlows[key] = handler.id
        logger.debug("SIP client flow opened", metadata: ["to": "\(remote)", "transport": "\(transport.rawValue)"])
        return .stream(id: handler.id, remote: remote, secure: transport == .tls)
    }

    private func clientTLSContext() throws(SIPClientFlowError) -> TLSClientContext {
        if let context = settings.tlsClientContext ?? defaultTLSClientContext { return context }
        do {
            let context = try TLSClientContext()
            defaultTLSClientContext = context
            return context
        } catch {
            throw .connectFailed("TLS trust store: \(error)")
        }
    }

    /// A stream closed: forget it as a client flow, fail the client transactions still waiting on it,
    /// and re-register the registrations bound through it (with the usual backoff).
    func streamLost(_ id: Int) {
        clientFlows = clientFlows.filter { $0.value != id }
        for (key, entry) in clientTransactions where !entry.finished {
            if case .stream(let streamID, _, _) = entry.flow, streamID == id {
                driveClient(key) { machine, _ in machine.transportFailed() }
            }
        }
        guard !isClosed else { return }
        for binding in registrations {
            guard case .stream(let streamID, _, _) = binding.flow, streamID == id else { continue }
            binding.flow = nil
            guard !binding.awaitingAnswer, !isDraining, case .registered = binding.state else { continue }
            binding.timer?.cancel()
            binding.timer = nil
            registrationFailed(binding, status: nil, why: "connection to the registrar lost")
        }
    }

    /// The Contact URI for requests on `flow`: our advertised host and the flow's local port, with
    /// `transport=tcp`/`tls` on a stream (so the peer reuses the connection to reach us).
    func contactURI(user: String?, flow: SIPFlow) -> SIPURI {
        let local = localHostPort(for: flow)
        var uri = SIPURI(user: user, host: local.host, port: local.port)
        if case .stream(_, _, let secure) = flow { uri.parameters.append(SIPParameter("transport", secure ? "tls" : "tcp")) }
        return uri
    }
}

/// Which client connection a target uses: the same address, transport and TLS name share one.
struct ClientFlowKey: Hashable {
    let remote: SocketAddress
    let transport: SIPClientTransport
    let serverName: String
}

/// Why no client flow could be had.
enum SIPClientFlowError: Error, Sendable, Hashable {
    case noUDPListener
    case connectFailed(String)
}

extension SIPClientTransport {
    /// The resolver's socket type for this transport.
    var resolverTransport: Resolver.Transport { self == .udp ? .udp : .tcp }
}
