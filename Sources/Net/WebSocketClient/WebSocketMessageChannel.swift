import Synchronization

/// Stream mode's meeting point between the loop (producer) and one consumer task: holds at most
/// `capacity` messages. When a push fills it the loop stops reading from the socket (the server then
/// feels TCP back-pressure) and is told to go on once the consumer has taken half. Each message crosses
/// threads once, by resuming the waiting consumer directly.
final class WebSocketMessageChannel: Sendable {
    typealias Waiter = CheckedContinuation<Result<WebSocketClientMessage?, WebSocketClientError>, Never>

    private struct State {
        var buffer: [WebSocketClientMessage] = []
        var head = 0
        var waiter: Waiter?
        /// nil while open; `.some(nil)` after a clean end, `.some(error)` after a failure.
        var end: WebSocketClientError??
        var producerPaused = false
        var consumerCancelled = false
        var count: Int { buffer.count - head }

        mutating func pop() -> WebSocketClientMessage {
            let message = buffer[head]
            head += 1
            if head == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 32, head * 2 >= buffer.count {
                buffer.removeFirst(head)
                head = 0
            }
            return message
        }
    }

    let capacity: Int
    private let state = Mutex(State())
    /// Called (without the lock) when a paused producer may go on; it hops to the loop itself.
    private let resumeProducer: @Sendable () -> Void

    init(capacity: Int, resumeProducer: @escaping @Sendable () -> Void) {
        self.capacity = max(1, capacity)
        self.resumeProducer = resumeProducer
    }

    // MARK: Loop side

    /// Hands `message` to the consumer; false when the buffer is now full (stop reading until resumed).
    func push(_ message: WebSocketClientMessage) -> Bool {
        var handOff: Waiter?
        let hasRoom = state.withLock { state -> Bool in
            guard state.end == nil else { return true }
            if let waiter = state.waiter {
                state.waiter = nil
                handOff = waiter
                return true
            }
            state.buffer.append(message)
            if state.count >= capacity { state.producerPaused = true }
            return !state.producerPaused
        }
        handOff?.resume(returning: .success(message))
        return hasRoom
    }

    /// No more messages: the consumer gets what is buffered, then nil (clean) or `error`.
    func finish(_ error: WebSocketClientError?) {
        let waiter = state.withLock { state -> Waiter? in
            guard state.end == nil else { return nil }
            state.end = .some(error)
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: error.map { .failure($0) } ?? .success(nil))
    }

    /// True while a consumer waits (tests).
    var hasWaiter: Bool { state.withLock { $0.waiter != nil } }

    // MARK: Consumer side

    /// The next message; nil after a clean end or when the consuming task is cancelled.
    func next() async throws(WebSocketClientError) -> WebSocketClientMessage? {
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Waiter) in
                var resume = false
                let immediate = state.withLock { state -> Result<WebSocketClientMessage?, WebSocketClientError>? in
                    if state.count > 0 {
                        let message = state.pop()
                        if state.producerPaused, state.count <= capacity / 2 {
                            state.producerPaused = false
                            resume = true
                        }
                        return .success(message)
                    }
                    if let end = state.end { return end.map { .failure($0) } ?? .success(nil) }
                    if state.consumerCancelled { return .success(nil) }
                    state.waiter = continuation
                    return nil
                }
                if resume { resumeProducer() }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                state.consumerCancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: .success(nil))
        }
        return try result.get()
    }
}
