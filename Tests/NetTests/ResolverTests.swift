import SwitchboardTesting
import Testing
@testable import Net

extension NetTests {
    @Suite struct ResolverTests {
        @Test func resolvesLocalhostToALoopbackAddress() async throws {
            let addresses = try await withTimeout(10, "getaddrinfo") { try await Resolver.resolve("localhost", port: 8080) }
            #expect(!addresses.isEmpty)
            #expect(addresses.allSatisfy { $0.port == 8080 })
            #expect(addresses.contains { $0 == .loopbackIPv4(port: 8080) || $0 == .loopbackIPv6(port: 8080) })
            #expect(Set(addresses).count == addresses.count)
        }

        @Test func numericHostsAreAnsweredWithoutALookup() async throws {
            #expect(try await Resolver.resolve("10.1.2.3", port: 5060) == [SocketAddress(host: "10.1.2.3", port: 5060)!])
            #expect(try await Resolver.resolve("[::1]", port: 443) == [.loopbackIPv6(port: 443)])
        }

        @Test func lookupFromALoopThreadDoesNotBlockTheLoop() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-resolve")
            let loop = group.loops[0]
            let task = Task(executorPreference: loop) { () async throws -> (Bool, [SocketAddress]) in
                let addresses = try await Resolver.resolve("localhost", port: 1)
                return (loop.inEventLoop, addresses)
            }
            let (resumedOnLoop, addresses) = try await withTimeout(10, "resolve") { try await task.value }
            #expect(resumedOnLoop)
            #expect(!addresses.isEmpty)
            await group.shutdownGracefully()
        }
    }
}
