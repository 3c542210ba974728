import SwitchboardTesting
import Testing
import Foundation
@testable import Net

/// Answers once the peer has finished sending: counts the bytes, replies, then half-closes.
final class CountThenReply: ConnectionHandler {
    let connection: TCPConnection
    private var count = 0
    init(_ connection: TCPConnection) { self.connection = connection }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
    func connectionInputEnded() {
        connection.write("received \(count)\n")
        connection.shutdownOutput()
    }
    func connectionClosed(_ reason: CloseReason) {}
}

/// Replies with `size` bytes to the first bytes it gets, then closes at once, input still arriving.
final class ReplyAndClose: ConnectionHandler {
    let connection: TCPConnection
    let size: Int
    private var replied = false
    init(_ connection: TCPConnection, size: Int) { self.connection = connection; self.size = size }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        guard !replied else { return }
        replied = true
        connection.write(pattern(size))
        connection.close()
    }
    func connectionClosed(_ reason: CloseReason) {}
}

/// Gathers everything until the peer's end of stream, then reports it.
final class GatherUntilEnd: ConnectionHandler {
    let log: EventLog<[UInt8]>
    private var bytes: [UInt8] = []
    init(log: EventLog<[UInt8]>) { self.log = log }
    func connectionReceived(_ chunk: UnsafeRawBufferPointer) { bytes.append(contentsOf: chunk) }
    func connectionInputEnded() { log.record(bytes) }
    func connectionClosed(_ reason: CloseReason) {}
}

extension NetTests {
    @Suite struct TCPClosingTests {
        @Test func halfClosedPeerStillGetsTheReplyWhenHalfClosureIsAllowed() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-half")
            var options = TCPListener.Options()
            options.connection.allowHalfClosure = true
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: group, options: options) { CountThenReply($0) }
            let script = """
            import socket, sys
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            s.sendall(b"a" * 123456)
            s.shutdown(socket.SHUT_WR)
            reply = b""
            while True:
                chunk = s.recv(4096)
                if not chunk: break
                reply += chunk
            sys.stdout.write(reply.decode())
            """
            let result = try await withTimeout(30, "python") { try await runPython(script, [String(listener.localAddress.port)]) }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "received 123456\n")
            await group.shutdownGracefully()
        }

        /// Closing with the peer's bytes still unread would make the kernel answer with RST and destroy
        /// the reply in flight; the graceful close sends FIN and drains input until the peer's FIN.
        @Test func replyOfAServerThatClosesWhileThePeerIsStillSendingArrivesWhole() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-linger")
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: group) { ReplyAndClose($0, size: 500_000) }
            let script = """
            import socket, sys, threading
            s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
            def send():
                try:
                    for _ in range(200):
                        s.sendall(b"b" * 4096)
                except OSError:
                    pass
            threading.Thread(target=send, daemon=True).start()
            got = 0
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                got += len(chunk)
            print(got)
            """
            let result = try await withTimeout(30, "python") { try await runPython(script, [String(listener.localAddress.port)]) }
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "500000")
            await group.shutdownGracefully()
        }

        @Test func clientClosingRightAfterConnectAndWriteStillDeliversTheBytes() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-fire")
            let loop = group.loops[0]
            let received = EventLog<[UInt8]>()
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: group) { _ in GatherUntilEnd(log: received) }
            let clientLog = EventLog<CollectingHandler.Event>()
            try await loop.submit {
                let connection = try TCPConnection.connect(to: listener.localAddress, on: loop) { _ in
                    CollectingHandler(expecting: 1, log: clientLog)
                }
                connection.write(pattern(100_000))
                connection.close()
            }
            #expect(try await received.first() == pattern(100_000))
            #expect(try await clientLog.first { $0.isClosed }.closeReason == .local)
            await group.shutdownGracefully()
        }

        @Test func clientSeesInputEndedThenPeerClosedWhenTheServerHalfCloses() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-half-c")
            let loop = group.loops[0]
            var options = TCPListener.Options()
            options.connection.allowHalfClosure = true
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: group, options: options) { CountThenReply($0) }
            let log = EventLog<CollectingHandler.Event>()
            try await loop.submit {
                let connection = try TCPConnection.connect(to: listener.localAddress, on: loop) { _ in
                    CollectingHandler(expecting: 12, log: log)
                }
                connection.write(pattern(10))
                connection.shutdownOutput()
            }
            var events: [CollectingHandler.Event] = []
            while events.last?.isClosed != true { events.append(try await log.first()) }
            #expect(events.compactMap(\.receivedBytes) == [Array("received 10\n".utf8)])
            #expect(events.contains { if case .inputEnded = $0 { true } else { false } })
            #expect(events.last?.closeReason == .peerClosed)
            await group.shutdownGracefully()
        }
    }
}
