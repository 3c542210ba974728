import Agents
import Net

/// Turns a configured `host:port` into a socket address: IP literals directly, names through
/// `Resolver` (off the loops), first address returned.
enum ListenAddressResolver {
    struct Unresolvable: Error, CustomStringConvertible {
        let address: ListenAddress
        var description: String { "cannot listen on \(address): no address for \(address.host)" }
    }

    static func resolve(_ address: ListenAddress) async throws -> SocketAddress {
        let port = UInt16(address.port)
        if let literal = SocketAddress(host: address.host, port: port) { return literal }
        guard let first = try await Resolver.resolve(address.host, port: port).first else { throw Unresolvable(address: address) }
        return first
    }
}
