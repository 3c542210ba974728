import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// A failed name lookup: the host and getaddrinfo's message.
public struct ResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let code: Int32
    public let message: String
    public var description: String { "cannot resolve \(host): \(message)" }
}

/// Turns host names into addresses with `getaddrinfo`, which blocks, so each lookup runs on its own
/// short-lived thread and never on a loop. Numeric hosts are answered at once without a thread.
public enum Resolver {
    /// Which socket type the addresses are for (filters duplicate answers per protocol).
    public enum Transport: Sendable { case tcp, udp }

    /// The addresses of `host` with `port`, in getaddrinfo's preference order, without duplicates.
    public static func resolve(_ host: String, port: UInt16, for transport: Transport = .tcp) async throws -> [SocketAddress] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let numeric = SocketAddress(host: bare, port: port) { return [numeric] }
        return try await withCheckedThrowingContinuation { continuation in
            let thread = LoopThread.start(name: "sb-resolver") {
                continuation.resume(with: lookup(bare, port: port, transport: transport))
            }
            thread.detach()
        }
    }

    /// The blocking lookup itself (called on a resolver thread).
    static func lookup(_ host: String, port: UInt16, transport: Transport) -> Result<[SocketAddress], ResolutionError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(transport == .tcp ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, String(port), &hints, &list)
        guard code == 0 else {
            let message = code == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(code))
            return .failure(ResolutionError(host: host, code: code, message: message))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var cursor = list
        while let entry = cursor {
            if let raw = entry.pointee.ai_addr, let address = SocketAddress(pointer: UnsafeRawPointer(raw)),
               !addresses.contains(address) {
                addresses.append(address)
            }
            cursor = entry.pointee.ai_next
        }
        guard !addresses.isEmpty else { return .failure(ResolutionError(host: host, code: EAI_NONAME, message: "no addresses")) }
        return .success(addresses)
    }
}
