import Testing
@testable import Net
#if canImport(Glibc)
import Glibc
#endif

extension NetTests {
    @Suite struct SocketAddressTests {
        @Test func parsesNumericIPv4AndBracketedIPv6WithPorts() {
            #expect(SocketAddress(parsing: "127.0.0.1:8080") == .loopbackIPv4(port: 8080))
            #expect(SocketAddress(parsing: "[::1]:5060") == .loopbackIPv6(port: 5060))
            #expect(SocketAddress(parsing: "0.0.0.0:0") == .anyIPv4())
            let scoped = SocketAddress(parsing: "[fe80::1%2]:5060")
            guard case .v6(_, let low, let scope)? = scoped?.ip else { Issue.record("not IPv6"); return }
            #expect(low == UInt64(1).bigEndian)
            #expect(scope == 2)
            #expect(scoped?.host == "fe80::1")
        }

        @Test func rejectsNamesBadPortsAndUnbracketedIPv6() {
            for text in ["localhost:80", "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:8o",
                         "::1:80", "[::1]", "[::1]80", "[::1:80", "256.0.0.1:1", "", ":", "[]:1", "1.2.3.4:٣"] {
                #expect(SocketAddress(parsing: text) == nil, "\(text)")
            }
        }

        @Test func descriptionRoundTripsThroughParsing() {
            for text in ["10.0.0.1:5060", "[2001:db8::7]:443", "[::]:0", "255.255.255.255:65535"] {
                let address = SocketAddress(parsing: text)
                #expect(address?.description == text)
            }
        }

        @Test func kernelRoundTripKeepsAddressAndPort() throws {
            for address in [SocketAddress.loopbackIPv4(), .loopbackIPv6()] {
                let fd = try Syscalls.socket(domain: address.family, type: Int32(SOCK_DGRAM.rawValue))
                defer { try? Syscalls.close(fd) }
                try Syscalls.bind(fd, to: address)
                let bound = try Syscalls.getsockname(fd)
                #expect(bound.ip == address.ip)
                #expect(bound.port != 0)
            }
        }
    }
}
