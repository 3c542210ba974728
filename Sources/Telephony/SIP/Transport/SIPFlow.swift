import Net
import SIP

/// How a message reached us and how to answer on the same path (RFC 3261 §18.2.2): a datagram on one of
/// our UDP sockets from an address, or a TCP/TLS connection.
enum SIPFlow: Hashable, Sendable {
    case datagram(socket: Int, remote: SocketAddress)
    case stream(id: Int, remote: SocketAddress, secure: Bool)

    var remote: SocketAddress {
        switch self {
        case .datagram(_, let remote), .stream(_, let remote, _): remote
        }
    }

    /// Reliable transports get no retransmissions (RFC 3261 §17).
    var isReliable: Bool { if case .stream = self { true } else { false } }

    /// The Via transport token for requests we send on this flow.
    var viaTransport: String {
        switch self {
        case .datagram: "UDP"
        case .stream(_, _, let secure): secure ? "TLS" : "TCP"
        }
    }
}

/// RFC 3261 §18.2.1 and RFC 3581 on a received request's top Via, and §18.2.2 for where its responses go.
enum ViaRouting {
    /// Adds `received` when the sent-by host differs from the source address, and fills an empty `rport`
    /// with the source port (then `received` is always added, RFC 3581 §4).
    static func stamp(_ request: inout SIPRequest, source: SocketAddress) {
        guard !request.headers.via.isEmpty else { return }
        stamp(&request.headers.via[0], source: source)
    }

    static func stamp(_ via: inout Via, source: SocketAddress) {
        let host = source.host
        let wantsRport = via.rport == .some(nil)
        if wantsRport {
            via.parameters.removeAll { $0.name.sipLowercasedASCII == "rport" }
            via.parameters.append(SIPParameter("rport", String(source.port)))
        }
        if wantsRport || plainHost(via.host) != host {
            via.parameters.removeAll { $0.name.sipLowercasedASCII == "received" }
            via.parameters.append(SIPParameter("received", host))
        }
    }

    /// Where a response goes over UDP: `received` (else the sent-by host when numeric) and `rport` (else
    /// the sent-by port, else 5060). Nil when no numeric address can be found.
    static func responseDestination(_ response: SIPResponse) -> SocketAddress? {
        guard let via = response.headers.via.first else { return nil }
        let host = via.received ?? plainHost(via.host)
        let port = (via.rport ?? nil) ?? via.port ?? defaultPort
        return SocketAddress(host: host, port: port)
    }

    /// The host without IPv6 brackets.
    static func plainHost(_ host: SIPHost) -> String {
        switch host {
        case .name(let name): name
        case .ipv4(let address), .ipv6(let address): address
        }
    }

    /// RFC 3261 §19.1.2: the default SIP port over UDP and TCP.
    static let defaultPort: UInt16 = 5060
}

extension String {
    var sipLowercasedASCII: String { lowercased() }
}

extension SIPHost {
    /// A host for Via/Contact/SDP from configured text: an IPv6 literal, an IPv4 literal, or a name.
    static func parsingConfigured(_ text: String) -> SIPHost {
        if text.contains(":") { return .ipv6(text) }
        if text.allSatisfy({ $0.isNumber || $0 == "." }) { return .ipv4(text) }
        return .name(text)
    }
}
