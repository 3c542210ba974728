import SwitchboardTesting
import Testing
@testable import Net

extension NetTests {
    @Suite struct BackPressureTests {
        /// A client that never reads: the server's queue stops at the high-water mark, reading stops
        /// (bytes the client sends are not taken), and everything resumes when the client drains.
        @Test func peerThatNeverReadsKeepsServerQueueBoundedAndPausesReadingUntilItDrains() async throws {
            let server = try EventLoopGroup(loopCount: 1, name: "t-bp-s")
            let client = try EventLoopGroup(loopCount: 1, name: "t-bp-c")
            let serverLog = EventLog<Flooder.Event>()
            let total = 4 * 1024 * 1024
            var options = TCPListener.Options()
            options.connection.sendBufferBytes = 32 * 1024
            options.connection.highWaterMark = 256 * 1024
            options.connection.lowWaterMark = 64 * 1024
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: server, options: options) {
                Flooder($0, total: total, closeWhenDone: false, log: serverLog)
            }
            let clientLog = EventLog<CollectingHandler.Event>()
            let loop = client.loops[0]
            var clientOptions = TCPConnection.Options()
            clientOptions.receiveBufferBytes = 32 * 1024
            let connection = try await loop.submit { [clientOptions] in
                let connection = try TCPConnection.connect(to: listener.localAddress, on: loop, options: clientOptions) { _ in
                    CollectingHandler(expecting: total, log: clientLog)
                }
                connection.pauseReading()
                return connection
            }

            let pressure = try await serverLog.first { if case .backPressured = $0 { true } else { false } }
            guard case .backPressured(let queued, let readingWatched) = pressure else { return }
            #expect(queued >= options.connection.highWaterMark)
            #expect(queued < options.connection.highWaterMark + Flooder.chunk.count)
            #expect(!readingWatched)

            // Bytes sent now wait in the kernel: the server only takes them after the drain.
            try await loop.submit { connection.write([1, 2, 3, 4]); connection.resumeReading() }
            let echoed = try await clientLog.first(within: 30, "all bytes") { $0.receivedBytes != nil }
            #expect(echoed.receivedBytes?.count == total)
            #expect(echoed.receivedBytes?.prefix(Flooder.chunk.count).elementsEqual(Flooder.chunk) == true)

            // The server's own story, in order: it wrote everything, drained, and only then read the 4 bytes.
            var events: [Flooder.Event] = [pressure]
            while !events.contains(where: { if case .received = $0 { true } else { false } }) {
                events.append(try await serverLog.first())
            }
            guard case .received(4)? = events.last else { Issue.record("server read \(events.last!)"); return }
            guard let finished = events.first(where: { if case .finishedWriting = $0 { true } else { false } }),
                  case .finishedWriting(let maxQueued, let writableCalls) = finished else {
                Issue.record("server read before it finished writing")
                return
            }
            #expect(maxQueued < options.connection.highWaterMark + Flooder.chunk.count)
            #expect(writableCalls >= 1)
            try await loop.submit { connection.close() }
            #expect(try await serverLog.first { $0.closeReason != nil }.closeReason == .peerClosed)
            #expect(try await clientLog.first { $0.isClosed }.closeReason == .local)

            await client.shutdownGracefully()
            await server.shutdownGracefully()
        }

        @Test func consumerIgnoringBackPressureIsCutOffAtTheHardLimit() async throws {
            let group = try EventLoopGroup(loopCount: 1, name: "t-bp-hard")
            let loop = group.loops[0]
            let serverLog = EventLog<CloseReason>()
            var options = TCPListener.Options()
            options.connection.maxQueuedBytes = 512 * 1024
            options.connection.sendBufferBytes = 16 * 1024
            let listener = try await TCPListener.bind(.loopbackIPv4(), on: group, options: options) { connection in
                SilentHandler { serverLog.record($0) }.also { _ in
                    // Writes 2 MB in one go, ignoring every .backPressure.
                    loop.executeLocal {
                        for _ in 0..<32 { Flooder.chunk.withUnsafeBytes { _ = connection.write($0) } }
                    }
                }
            }
            let clientLog = EventLog<CollectingHandler.Event>()
            var clientOptions = TCPConnection.Options()
            clientOptions.receiveBufferBytes = 16 * 1024
            try await loop.submit { [clientOptions] in
                let connection = try TCPConnection.connect(to: listener.localAddress, on: loop, options: clientOptions) { _ in
                    CollectingHandler(expecting: .max, log: clientLog)
                }
                connection.pauseReading()
            }
            #expect(try await serverLog.first() == .writeQueueOverflow)
            await group.shutdownGracefully()
        }
    }
}

extension SilentHandler {
    func also(_ body: (SilentHandler) -> Void) -> SilentHandler {
        body(self)
        return self
    }
}
