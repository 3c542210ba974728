import Synchronization
import Testing
@testable import Net

/// The bounded buffer between the loop and a stream consumer (no sockets).
@Suite("WebSocket message channel")
struct WebSocketMessageChannelTests {
    @Test func fullBufferPausesTheProducerUntilTheConsumerTookHalf() async throws {
        let resumes = Mutex(0)
        let channel = WebSocketMessageChannel(capacity: 4) { resumes.withLock { $0 += 1 } }
        #expect(channel.push(.text("0")) && channel.push(.text("1")) && channel.push(.text("2")))
        #expect(!channel.push(.text("3")))  // the fourth fills it: stop reading
        #expect(try await channel.next() == .text("0"))
        #expect(resumes.withLock { $0 } == 0)  // three left: still more than half
        #expect(try await channel.next() == .text("1"))
        #expect(resumes.withLock { $0 } == 1)  // two left: go on
        #expect(try await channel.next() == .text("2"))
        #expect(resumes.withLock { $0 } == 1)
    }

    @Test func consumerGetsBufferedMessagesBeforeTheEndAndThenTheError() async throws {
        let channel = WebSocketMessageChannel(capacity: 8) {}
        _ = channel.push(.binary([1]))
        channel.finish(.timeout(.liveness))
        _ = channel.push(.binary([2]))  // after the end: dropped
        #expect(try await channel.next() == .binary([1]))
        await #expect(throws: WebSocketClientError.timeout(.liveness)) { try await channel.next() }
        await #expect(throws: WebSocketClientError.timeout(.liveness)) { try await channel.next() }
    }

    @Test func waitingConsumerIsHandedTheMessageAndCancellationEndsItsIteration() async throws {
        let channel = WebSocketMessageChannel(capacity: 2) {}
        let waiting = Task { try await channel.next() }
        while !channel.hasWaiter { await Task.yield() }
        #expect(channel.push(.text("direct")))
        #expect(try await waiting.value == .text("direct"))

        let cancelled = Task { try await channel.next() }
        while !channel.hasWaiter { await Task.yield() }
        cancelled.cancel()
        #expect(try await cancelled.value == nil)
    }
}
