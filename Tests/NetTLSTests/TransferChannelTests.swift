@testable import Net
import Synchronization
import Testing

@Suite("Transfer channel back-pressure and cancellation")
struct TransferChannelTests {
    final class Controls: Sendable {
        let received = Mutex<[TransferChannel.Control]>([])
        var all: [TransferChannel.Control] { received.withLock { $0 } }
    }

    private func offer(_ channel: TransferChannel, _ count: Int) -> TransferChannel.Offer {
        [UInt8](repeating: 7, count: count).withUnsafeBytes { channel.offer($0) }
    }

    @Test func pausesPastTheLimitAndResumesOnceHalfIsDrained() async throws {
        let controls = Controls()
        let channel = TransferChannel(maxBufferedBytes: 1000) { control in controls.received.withLock { $0.append(control) } }
        channel.deliverHead(HTTPClientResponseHead(version: .http1_1, status: 200))
        for _ in 0..<4 { #expect(offer(channel, 300) == .accepted) }  // 1200: one chunk over at most
        #expect(offer(channel, 300) == .pause)
        #expect(channel.bufferedBytes == 1200 && channel.pauseCount == 1)
        _ = try await channel.next()
        #expect(controls.all.isEmpty)  // 900 left: still above half
        _ = try await channel.next()
        _ = try await channel.next()
        #expect(controls.all == [.resume])  // 300 left
        #expect(offer(channel, 300) == .accepted)
    }

    @Test func chunksBufferedBeforeAnErrorAreReadThenTheErrorThrown() async throws {
        let channel = TransferChannel(maxBufferedBytes: 1000) { _ in }
        channel.deliverHead(HTTPClientResponseHead(version: .http1_1, status: 200))
        _ = offer(channel, 10)
        channel.finish(.timeout(.idle))
        #expect(try await channel.next()?.count == 10)
        await #expect(throws: HTTPClientError.timeout(.idle)) { try await channel.next() }
    }

    @Test func cancelAbortsOnceAndRefusesFurtherChunks() async throws {
        let controls = Controls()
        let channel = TransferChannel(maxBufferedBytes: 1000) { control in controls.received.withLock { $0.append(control) } }
        channel.cancel()
        channel.cancel()
        #expect(controls.all == [.cancel])
        #expect(offer(channel, 10) == .abort)
        await #expect(throws: CancellationError.self) { try await channel.head() }
    }

    @Test func cancellingTheWaitingTaskCancelsTheTransfer() async throws {
        let controls = Controls()
        let channel = TransferChannel(maxBufferedBytes: 1000) { control in controls.received.withLock { $0.append(control) } }
        channel.deliverHead(HTTPClientResponseHead(version: .http1_1, status: 200))
        let reader = Task { try await channel.next() }
        reader.cancel()
        await #expect(throws: CancellationError.self) { try await reader.value }
        #expect(controls.all == [.cancel])
    }

    @Test func bodyIsSinglePass() async throws {
        let channel = TransferChannel(maxBufferedBytes: 1000) { _ in }
        channel.deliverHead(HTTPClientResponseHead(version: .http1_1, status: 200))
        _ = offer(channel, 5)
        channel.finish(nil)
        let body = HTTPClientBody(channel: channel)
        #expect(try await body.collect(upTo: 100).count == 5)
        await #expect(throws: HTTPClientError.bodyAlreadyConsumed) { _ = try await body.collect(upTo: 100) }
    }

    @Test func headFailureReachesTheWaitingCaller() async {
        let channel = TransferChannel(maxBufferedBytes: 1000) { _ in }
        let waiter = Task { try await channel.head() }
        channel.finish(.connectFailed("refused"))
        await #expect(throws: HTTPClientError.connectFailed("refused")) { try await waiter.value }
    }
}
