import Synchronization

/// The meeting point of one transfer's two sides: the curl thread delivers the head, body chunks and the
/// end; the consumer awaits them. Holds at most about `maxBufferedBytes` of body (one chunk over at
/// most): past that the curl thread is told to pause, and it is told to resume once the consumer has
/// drained half. Chunks cross threads once each, by resuming the waiting consumer directly.
final class TransferChannel: Sendable {
    /// What the curl thread should do with a chunk it offered.
    enum Offer: Equatable {
        case accepted
        /// Keep it (CURL_WRITEFUNC_PAUSE) until a `.resume` control arrives.
        case pause
        /// The consumer is gone: abort.
        case abort
    }

    /// What the consumer side asks of the curl thread.
    enum Control: Sendable, Equatable {
        case cancel
        case resume
    }

    private enum End {
        case finished
        case failed(HTTPClientError)
        case cancelled
    }

    private struct State {
        var head: HTTPClientResponseHead?
        var headWaiter: CheckedContinuation<HTTPClientResponseHead, any Error>?
        var chunks = ChunkQueue()
        var bodyWaiter: CheckedContinuation<[UInt8]?, any Error>?
        var end: End?
        var pausedForBackPressure = false
        var pauses = 0
        var pauseWaiters: [CheckedContinuation<Void, Never>] = []
        var iteratorMade = false
    }

    let maxBufferedBytes: Int
    private let state = Mutex(State())
    private let control: @Sendable (Control) -> Void

    /// `control` forwards cancel/resume to the curl thread; it is called without the lock held.
    init(maxBufferedBytes: Int, control: @escaping @Sendable (Control) -> Void) {
        self.maxBufferedBytes = maxBufferedBytes
        self.control = control
    }

    // MARK: curl thread

    func deliverHead(_ head: HTTPClientResponseHead) {
        let waiter = state.withLock { state -> CheckedContinuation<HTTPClientResponseHead, any Error>? in
            guard state.end == nil, state.head == nil else { return nil }
            state.head = head
            defer { state.headWaiter = nil }
            return state.headWaiter
        }
        waiter?.resume(returning: head)
    }

    func offer(_ bytes: UnsafeRawBufferPointer) -> Offer {
        var handOff: CheckedContinuation<[UInt8]?, any Error>?
        var pauseWaiters: [CheckedContinuation<Void, Never>] = []
        let offer = state.withLock { state -> Offer in
            guard state.end == nil else { return .abort }
            if let waiter = state.bodyWaiter, state.chunks.isEmpty {
                state.bodyWaiter = nil
                handOff = waiter
                return .accepted
            }
            guard state.chunks.byteCount < maxBufferedBytes else {
                if !state.pausedForBackPressure { state.pauses += 1 }
                state.pausedForBackPressure = true
                swap(&pauseWaiters, &state.pauseWaiters)
                return .pause
            }
            state.chunks.append(Array(bytes))
            return .accepted
        }
        handOff?.resume(returning: Array(bytes))
        pauseWaiters.forEach { $0.resume() }
        return offer
    }

    /// The transfer ended: nil for success. Buffered chunks stay readable before the end shows.
    func finish(_ error: HTTPClientError?) {
        releasePauseWaiters()
        let (headWaiter, bodyWaiter) = state.withLock { state in
            guard state.end == nil else { return (nil, nil) as (CheckedContinuation<HTTPClientResponseHead, any Error>?, CheckedContinuation<[UInt8]?, any Error>?) }
            state.end = error.map { .failed($0) } ?? .finished
            defer { state.headWaiter = nil; state.bodyWaiter = nil }
            return (state.headWaiter, state.bodyWaiter)
        }
        headWaiter?.resume(throwing: error ?? .malformedResponse("the transfer ended without a response head"))
        if let error { bodyWaiter?.resume(throwing: error) } else { bodyWaiter?.resume(returning: nil) }
    }

    var isCancelled: Bool { state.withLock { if case .cancelled = $0.end { true } else { false } } }

    // MARK: consumer

    /// The response head; throws the transfer's error, or CancellationError if cancelled.
    func head() async throws -> HTTPClientResponseHead {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<HTTPClientResponseHead, any Error>? = state.withLock { state in
                    if case .cancelled = state.end { return .failure(CancellationError()) }
                    if let head = state.head { return .success(head) }
                    switch state.end {
                    case .failed(let error): return .failure(error)
                    case .finished: return .failure(HTTPClientError.malformedResponse("the transfer ended without a response head"))
                    case .cancelled, nil:
                        state.headWaiter = continuation
                        return nil
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// The next body chunk, nil at the end; throws the transfer's error, or CancellationError.
    func next() async throws -> [UInt8]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                var resume = false
                let ready: Result<[UInt8]?, any Error>? = state.withLock { state in
                    if let chunk = state.chunks.popFirst() {
                        if state.pausedForBackPressure, state.chunks.byteCount <= maxBufferedBytes / 2 {
                            state.pausedForBackPressure = false
                            resume = true
                        }
                        return .success(chunk)
                    }
                    switch state.end {
                    case .cancelled: return .failure(CancellationError())
                    case .failed(let error): return .failure(error)
                    case .finished: return .success(nil)
                    case nil:
                        guard state.bodyWaiter == nil else { return .failure(HTTPClientError.bodyAlreadyConsumed) }
                        state.bodyWaiter = continuation
                        return nil
                    }
                }
                if resume { control(.resume) }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel()
        }
    }

    /// Aborts the transfer if it is still running; waiting calls throw CancellationError.
    func cancel() {
        releasePauseWaiters()
        let (running, headWaiter, bodyWaiter) = state.withLock { state in
            state.chunks = ChunkQueue()
            guard state.end == nil else { return (false, nil, nil) as (Bool, CheckedContinuation<HTTPClientResponseHead, any Error>?, CheckedContinuation<[UInt8]?, any Error>?) }
            state.end = .cancelled
            defer { state.headWaiter = nil; state.bodyWaiter = nil }
            return (true, state.headWaiter, state.bodyWaiter)
        }
        headWaiter?.resume(throwing: CancellationError())
        bodyWaiter?.resume(throwing: CancellationError())
        if running { control(.cancel) }
    }

    /// The first iterator gets the body; later ones are refused (single pass).
    func claimIterator() -> Bool {
        state.withLock { state in
            defer { state.iteratorMade = true }
            return !state.iteratorMade
        }
    }

    /// Test instrumentation: bytes buffered, how many times back-pressure paused the transfer, and a
    /// wait for the next pause (returns at once if paused now).
    var bufferedBytes: Int { state.withLock { $0.chunks.byteCount } }
    var pauseCount: Int { state.withLock { $0.pauses } }
    private func releasePauseWaiters() {
        state.withLock { state in
            defer { state.pauseWaiters = [] }
            return state.pauseWaiters
        }.forEach { $0.resume() }
    }

    func untilPaused() async {
        await withCheckedContinuation { continuation in
            let pausedNow = state.withLock { state in
                if !state.pausedForBackPressure { state.pauseWaiters.append(continuation) }
                return state.pausedForBackPressure
            }
            if pausedNow { continuation.resume() }
        }
    }
}

/// A FIFO of body chunks with its byte total; pops are O(1) amortized.
struct ChunkQueue {
    private var items: [[UInt8]] = []
    private var headIndex = 0
    private(set) var byteCount = 0

    var isEmpty: Bool { headIndex == items.count }

    mutating func append(_ chunk: [UInt8]) {
        items.append(chunk)
        byteCount += chunk.count
    }

    mutating func popFirst() -> [UInt8]? {
        guard headIndex < items.count else { return nil }
        let chunk = items[headIndex]
        headIndex += 1
        byteCount -= chunk.count
        if headIndex == items.count || headIndex > 64 {
            items.removeFirst(headIndex)
            headIndex = 0
        }
        return chunk
    }
}
