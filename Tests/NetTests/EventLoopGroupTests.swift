import SwitchboardTesting
import Testing
import Foundation
@testable import Net

extension NetTests {
    @Suite struct EventLoopGroupTests {
        @Test func nextHandsOutLoopsRoundRobin() throws {
            let group = try EventLoopGroup(loopCount: 3, name: "t-rr")
            defer { group.syncShutdown() }
            let picks = (0..<6).map { _ in ObjectIdentifier(group.next()) }
            #expect(Array(picks.prefix(3)) == Array(picks.suffix(3)))
            #expect(Set(picks).count == 3)
        }

        /// Shutdown with a listener, open connections on both loops and a UDP socket: handlers hear
        /// `.loopShutdown`, every socket the group had is closed (checked by inode, so other suites'
        /// descriptors cannot interfere), each loop closed its epoll fd and eventfd, and the threads are gone.
        @Test func shutdownClosesEveryDescriptorAndJoinsTheThreads() async throws {
            let group = try EventLoopGroup(loopCount: 2, name: "t-shut")
            #expect(threadNames().filter { $0.hasPrefix("t-shut") }.count == 2)
            let serverLog = EventLog<EchoHandler.Event>()
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: group) { EchoHandler($0, log: serverLog) }
            var sockets = [descriptorLink(listener.descriptor)]
            let clientLogs = (0..<4).map { _ in EventLog<CollectingHandler.Event>() }
            for (index, log) in clientLogs.enumerated() {
                let loop = group.loops[index % 2]
                sockets.append(try await loop.submit {
                    let connection = try TCPConnection.connect(to: listener.localAddress, on: loop) { _ in
                        CollectingHandler(expecting: 1, log: log)
                    }
                    return descriptorLink(connection.descriptor)
                })
            }
            let udpLog = EventLog<DatagramRecorder.Event>()
            sockets.append(try await group.loops[1].submit {
                descriptorLink(try UDPSocket.bind(.loopbackIPv4(), on: group.loops[1], handler: DatagramRecorder(log: udpLog)).descriptor)
            })
            sockets += try await serverLog.collect(4) { $0.activeLink != nil }.compactMap(\.activeLink)
            #expect(Set(sockets).count == 10)
            #expect(sockets.allSatisfy { $0.hasPrefix("socket:[") })

            await group.shutdownGracefully()

            let serverReasons = try await serverLog.collect(4) { $0.closeReason != nil }.compactMap(\.closeReason)
            #expect(serverReasons == Array(repeating: .loopShutdown, count: 4))
            for log in clientLogs {
                #expect(try await log.first { $0.isClosed }.closeReason == .loopShutdown)
            }
            let udpClosed = try await udpLog.first { if case .closed = $0 { true } else { false } }
            guard case .closed(let udpReason) = udpClosed else { return }
            #expect(udpReason == .loopShutdown)
            #expect(Set(openDescriptors().values).isDisjoint(with: sockets))
            let ownClosed = group.loops.map(\.ownDescriptorsClosed)
            #expect(ownClosed == [true, true])
            #expect(threadNames().filter { $0.hasPrefix("t-shut") }.isEmpty)
            #expect(!listener.isOpen)
        }

        @Test func syncShutdownStopsLoopsFromAPlainThread() throws {
            let group = try EventLoopGroup(loopCount: 2, name: "t-sync")
            #expect(threadNames().filter { $0.hasPrefix("t-sync") }.count == 2)
            group.syncShutdown()
            #expect(threadNames().filter { $0.hasPrefix("t-sync") }.isEmpty)
        }
    }
}
