import Dispatch
import Synchronization

/// Carries events from a producer thread to one async consumer with backpressure: `put` blocks the
/// producer while `capacity` events wait unread, so a fast producer (espeak-ng writes minutes of audio
/// per second) runs only a little ahead of its consumer, and memory stays bounded.
/// `cancel` empties it, wakes both sides, and makes every later `put` return false.
final class BoundedMailbox<Event: Sendable>: Sendable {
    private struct State: ~Copyable {
        var queue: [Event] = []
        var waiter: CheckedContinuation<Event?, Never>?
        var finished = false
        var cancelled = false
    }

    private let state = Mutex(State())
    /// One credit per free slot; the producer takes one per `put`, the consumer returns it on `next`.
    private let credits: DispatchSemaphore

    init(capacity: Int) {
        precondition(capacity > 0, "a mailbox holds at least one event")
        // Starts at 0 and is raised to `capacity`: libdispatch traps when a semaphore is freed with a
        // value below the one it was created with, which a mailbox dropped while full would have.
        credits = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { credits.signal() }
    }

    /// Whether the consumer cancelled.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Hands `event` to the consumer, blocking while the mailbox is full. False once cancelled (the
    /// event is dropped): the producer should stop.
    @discardableResult
    func put(_ event: Event) -> Bool {
        credits.wait()
        let (accepted, waiter) = state.withLock { state -> (Bool, CheckedContinuation<Event?, Never>?) in
            guard !state.cancelled, !state.finished else { return (false, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter)
            }
            state.queue.append(event)
            return (true, nil)
        }
        if let waiter {
            credits.signal()
            waiter.resume(returning: event)
        }
        if !accepted { credits.signal() }  // keeps a cancelled mailbox from blocking the next put
        return accepted
    }

    /// No more events: the consumer gets the queued ones, then nil.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Event?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.queue.isEmpty ? state.waiter : nil
        }
        waiter?.resume(returning: nil)
    }

    /// The consumer gives up: queued events are dropped, a blocked `put` returns false.
    func cancel() {
        let waiter = state.withLock { state -> CheckedContinuation<Event?, Never>? in
            state.cancelled = true
            state.queue.removeAll()
            defer { state.waiter = nil }
            return state.waiter
        }
        credits.signal()
        waiter?.resume(returning: nil)
    }

    /// The next event, waiting for one; nil once finished and drained, or cancelled. One consumer.
    func next() async -> Event? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Event?? in
                if state.cancelled { return .some(nil) }
                if !state.queue.isEmpty { return .some(state.queue.removeFirst()) }
                if state.finished { return .some(nil) }
                state.waiter = continuation
                return nil
            }
            guard let ready else { return }
            if ready != nil { credits.signal() }
            continuation.resume(returning: ready)
        }
    }
}
