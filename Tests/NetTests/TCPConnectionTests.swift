import SwitchboardTesting
import Testing
import Foundation
@testable import Net

/// Starts an echo server on a fresh group; returns both.
func startEchoServer(loops: Int = 2, name: String, options: TCPListener.Options = TCPListener.Options(),
                     log: EventLog<EchoHandler.Event>? = nil) async throws -> (EventLoopGroup, TCPListener) {
    let group = try EventLoopGroup(loopCount: loops, name: name)
    let listener = try await TCPListener.bind(.loopbackIPv4(), on: group, options: options) { connection in
        EchoHandler(connection, log: log)
    }
    return (group, listener)
}

/// Connects a collecting client on `loop`, sends `payload`, and returns its event log.
func echoClient(on loop: EventLoop, to address: SocketAddress, sending payload: [UInt8],
                options: TCPConnection.Options = TCPConnection.Options()) async throws -> EventLog<CollectingHandler.Event> {
    let log = EventLog<CollectingHandler.Event>()
    try await loop.submit {
        let connection = try TCPConnection.connect(to: address, on: loop, options: options) { _ in
            CollectingHandler(expecting: payload.count, log: log)
        }
        connection.write(payload)
    }
    return log
}

extension NetTests {
    @Suite struct TCPConnectionTests {
        @Test func echoServerAnswersAPythonClientThatHalfClosesAfterSending() async throws {
            let (group, listener) = try await startEchoServer(name: "t-py")
            let script = """
            import socket, sys, hashlib
            data = bytes((i * 31 + 7) % 256 for i in range(300000))
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            got = bytearray()
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                got += chunk
            print(len(got), hashlib.sha256(got).hexdigest() == hashlib.sha256(data).hexdigest())
            """
            let result = try await withTimeout(30, "python echo client") {
                try await runPython(script, [String(listener.localAddress.port)])
            }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "300000 True")
            await group.shutdownGracefully()
        }

        @Test func ownClientGetsItsBytesEchoedAcrossLoops() async throws {
            let (group, listener) = try await startEchoServer(name: "t-echo")
            let payload = pattern(1_000_000)
            let log = try await echoClient(on: group.loops[0], to: listener.localAddress, sending: payload)
            let echoed = try await log.first(within: 20, "echo") { $0.receivedBytes != nil }
            #expect(echoed.receivedBytes == payload)
            await group.shutdownGracefully()
        }

        @Test func manyConcurrentConnectionsAreAllServed() async throws {
            let (group, listener) = try await startEchoServer(name: "t-many")
            let clients = try EventLoopGroup(loopCount: 2, name: "t-many-c")
            let count = 200
            let logs = try await withThrowingTaskGroup(of: (Int, EventLog<CollectingHandler.Event>).self) { tasks in
                for index in 0..<count {
                    tasks.addTask {
                        (index, try await echoClient(on: clients.next(), to: listener.localAddress,
                                                     sending: pattern(2000, seed: UInt8(index % 256))))
                    }
                }
                return try await tasks.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            for (index, log) in logs {
                let echoed = try await log.first(within: 20, "echo \(index)") { $0.receivedBytes != nil }
                #expect(echoed.receivedBytes == pattern(2000, seed: UInt8(index % 256)))
            }
            #expect(try await listener.loop.submit { listener.acceptedCount } == count)
            await clients.shutdownGracefully()
            await group.shutdownGracefully()
        }

        @Test func connectToAClosedPortReportsConnectionRefused() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-refused")
            let loop = group.loops[0]
            // A port that was just free: bind, read it, close.
            let port = try await loop.submit { () throws -> UInt16 in
                let probe = try TCPListener.bind(.loopbackIPv4(), on: loop) { _ in SilentHandler() }
                defer { probe.closeOnLoop() }
                return probe.localAddress.port
            }
            let log = try await echoClient(on: loop, to: .loopbackIPv4(port: port), sending: [1])
            let reason = try await log.first { $0.isClosed }.closeReason
            #expect(reason == .error(SystemError("connect", errno: ECONNREFUSED)))
            await group.shutdownGracefully()
        }

        @Test func connectThatNeverCompletesTimesOut() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-ctimeout")
            let loop = group.loops[0]
            // A listener with a full accept queue that never accepts: further SYNs are dropped.
            let fd = try Syscalls.socket(domain: AF_INET, type: Int32(SOCK_STREAM.rawValue))
            defer { try? Syscalls.close(fd) }
            try Syscalls.bind(fd, to: .loopbackIPv4())
            try Syscalls.listen(fd, backlog: 0)
            let address = try Syscalls.getsockname(fd)
            var options = TCPConnection.Options()
            options.connectTimeout = .milliseconds(300)
            var reasons: [CloseReason] = []
            for _ in 0..<4 {
                let log = try await echoClient(on: loop, to: address, sending: [], options: options)
                let event = try await log.first(within: 10) { if case .active = $0 { true } else { $0.isClosed } }
                if let reason = event.closeReason { reasons.append(reason); break }
            }
            #expect(reasons == [.connectTimeout])
            await group.shutdownGracefully()
        }
    }
}
