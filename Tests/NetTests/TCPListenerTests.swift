import SwitchboardTesting
import Testing
import Foundation
@testable import Net

extension NetTests {
    @Suite struct TCPListenerTests {
        /// 60 connections that never send anything, with room for only 20 at a time: each batch times
        /// out, the backlog moves up, and a real client is still answered afterwards.
        @Test func sixtySilentConnectionsTimeOutAndTheServerStillServes() async throws {
            let serverLog = EventLog<EchoHandler.Event>()
            var options = TCPListener.Options()
            options.maxConnections = 20
            options.connection.idleTimeout = .milliseconds(200)
            let (group, listener) = try await startEchoServer(name: "t-idle", options: options, log: serverLog)
            let clients = try EventLoopGroup(loopCount: 1, name: "t-idle-c")
            let loop = clients.loops[0]
            let clientLog = EventLog<CloseReason>()
            try await loop.submit {
                for _ in 0..<60 {
                    _ = try TCPConnection.connect(to: listener.localAddress, on: loop) { _ in
                        SilentHandler { clientLog.record($0) }
                    }
                }
            }
            let serverCloses = try await serverLog.collect(60, within: 20, "60 idle closes") { $0.closeReason != nil }
            #expect(serverCloses.allSatisfy { $0.closeReason == .idleTimeout })
            let clientCloses = try await clientLog.collect(60, within: 20, "60 client closes")
            #expect(clientCloses.allSatisfy { $0 == .peerClosed })

            let payload = pattern(5000)
            let echo = try await echoClient(on: loop, to: listener.localAddress, sending: payload)
            #expect(try await echo.first(within: 10, "echo") { $0.receivedBytes != nil }.receivedBytes == payload)
            #expect(try await listener.loop.submit { listener.acceptedCount } == 61)
            await clients.shutdownGracefully()
            await group.shutdownGracefully()
        }

        @Test func acceptingPausesAtTheConnectionCapAndResumesWhenOneCloses() async throws {
            var options = TCPListener.Options()
            options.maxConnections = 2
            let (group, listener) = try await startEchoServer(loops: 1, name: "t-cap", options: options)
            let clients = try EventLoopGroup(loopCount: 1, name: "t-cap-c")
            let loop = clients.loops[0]
            let payload = pattern(100)
            let logs = (0..<3).map { _ in EventLog<CollectingHandler.Event>() }
            let connections = try await loop.submit { () throws -> [TCPConnection] in
                try logs.map { log in
                    let connection = try TCPConnection.connect(to: listener.localAddress, on: loop) { _ in
                        CollectingHandler(expecting: payload.count, log: log)
                    }
                    connection.write(payload)
                    return connection
                }
            }
            for log in logs.prefix(2) {
                #expect(try await log.first { $0.receivedBytes != nil }.receivedBytes == payload)
            }
            // The third completed its handshake in the kernel backlog but was never accepted.
            _ = try await logs[2].first { if case .active = $0 { true } else { false } }
            let (count, paused) = try await listener.loop.submit { (listener.connectionCount, listener.isAcceptPaused) }
            #expect(count == 2)
            #expect(paused)
            #expect(descriptorsOfTCPPort(listener.localAddress.port) == 3) // listener + two accepted
            try await loop.submit { connections[0].close() }
            #expect(try await logs[2].first(within: 10, "third echo") { $0.receivedBytes != nil }.receivedBytes == payload)
            await clients.shutdownGracefully()
            await group.shutdownGracefully()
        }

        /// Clients that vanish mid-stream (reset, or plain exit while the server is still writing to
        /// them): every server-side socket is closed, and the process has no more descriptors than before.
        @Test func clientsVanishingMidStreamLeaveNoDescriptorBehind() async throws {
            let group = try EventLoopGroup(loopCount: 2, name: "t-vanish")
            let serverLog = EventLog<Flooder.Event>()
            var options = TCPListener.Options()
            options.connection.sendBufferBytes = 16 * 1024
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: group, options: options) {
                Flooder($0, total: 8 * 1024 * 1024, log: serverLog)
            }
            let before = descriptorsOfTCPPort(listener.localAddress.port)
            let script = """
            import socket, struct, sys
            port = int(sys.argv[1])
            socks = []
            for i in range(20):
                s = socket.create_connection(("127.0.0.1", port))
                s.sendall(b"x" * 1000)
                s.recv(1000)
                if i % 2 == 0:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                socks.append(s)
            for s in socks[::2]:
                s.close()
            print("ok")
            # The odd ones vanish with the process, unread data and all.
            """
            let result = try await withTimeout(30, "python") { try await runPython(script, [String(listener.localAddress.port)]) }
            #expect(result.status == 0, "\(result.stderr)")
            let events = try await serverLog.collect(40, within: 20, "20 opens and 20 closes") {
                $0.inode != nil || $0.closeReason != nil
            }
            let inodes = Set(events.compactMap(\.inode))
            let reasons = events.compactMap(\.closeReason)
            #expect(inodes.count == 20)
            #expect(reasons.count == 20)
            #expect(reasons.allSatisfy { reason in
                if case .error(let error) = reason { [ECONNRESET, EPIPE].contains(error.errno) } else { reason == .peerClosed }
            })
            let after = openDescriptors()
            #expect(Set(after.values).isDisjoint(with: inodes))
            #expect(before == 1) // the listener
            #expect(descriptorsOfTCPPort(listener.localAddress.port) == before)
            #expect(try await listener.loop.submit { listener.connectionCount } == 0)
            await group.shutdownGracefully()
        }
    }
}
