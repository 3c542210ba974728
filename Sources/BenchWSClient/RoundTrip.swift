import BenchSupport
import Net
import Wire

/// Round trips of one binary message to an echo server: the next message goes out when the echo of the
/// previous one is in, so each sample is one full round trip.
enum RoundTrip {
    /// On the loop thread: a delegate sends from the loop and times each echo there (no thread hop;
    /// how a loop-pinned provider adapter would use the client).
    static func onLoop(url: String, loop: EventLoop, tls: TLSClientContext?, payload: [UInt8], warmUp: Int, count: Int) async throws -> [Duration] {
        let samples = await withCheckedContinuation { (done: CheckedContinuation<[Duration], Never>) in
            Task {
                do {
                    _ = try await WebSocketClient.connect(url: url, on: loop, tls: tls) { connection in
                        PingPong(connection, payload: payload, total: warmUp + count) { done.resume(returning: $0) }
                    }
                } catch {
                    print("connect failed: \(error)")
                    done.resume(returning: [])
                }
            }
        }
        return Array(samples.dropFirst(warmUp))
    }

    /// From a task on the cooperative pool: `send` then `messages.next()` (two thread hops per trip).
    static func fromTask(url: String, group: EventLoopGroup, tls: TLSClientContext?, payload: [UInt8], warmUp: Int, count: Int) async throws -> [Duration] {
        let connection = try await WebSocketClient.connect(url: url, on: group, tls: tls)
        var messages = connection.messages.makeAsyncIterator()
        var samples: [Duration] = []
        samples.reserveCapacity(count)
        let clock = ContinuousClock()
        for index in 0..<(warmUp + count) {
            let start = clock.now
            try await connection.send(.binary(payload))
            guard try await messages.next() != nil else { break }
            if index >= warmUp { samples.append(clock.now - start) }
        }
        await connection.close()
        return samples
    }
}

/// Sends, waits for the echo, records the time, sends again; closes after `total` trips.
final class PingPong: WebSocketClientDelegate {
    let connection: WebSocketClientConnection
    let payload: [UInt8]
    let total: Int
    let done: @Sendable ([Duration]) -> Void
    private let clock = ContinuousClock()
    private var started: ContinuousClock.Instant
    private var samples: [Duration] = []

    init(_ connection: WebSocketClientConnection, payload: [UInt8], total: Int, done: @escaping @Sendable ([Duration]) -> Void) {
        self.connection = connection
        self.payload = payload
        self.total = total
        self.done = done
        started = clock.now
        samples.reserveCapacity(total)
        connection.loop.executeLocal { [self] in send() }
    }

    private func send() {
        started = clock.now
        payload.withUnsafeBytes { _ = connection.sendOnLoop(binary: $0) }
    }

    func webSocketReceived(_ message: WebSocketClientMessage) {
        samples.append(clock.now - started)
        if samples.count < total {
            send()
        } else {
            connection.closeOnLoop()
        }
    }

    func webSocketClosed(_ error: WebSocketClientError?) { done(samples) }
}
