import Dispatch
import Media
import Synchronization

/// The bounded queue between a session's `send` (on the call's thread, never blocking) and its
/// decoding worker (which blocks here waiting for frames).
///
/// Overflow policy: fail loudly. When the worker has fallen `capacity` frames behind (the machine is
/// too busy to decode in real time), the frame is refused and the inbox is cancelled: dropping audio
/// silently would turn into wrong transcripts, which are worse than a failed STT the router can replace.
final class FrameInbox: Sendable {
    /// What `push` did.
    enum PushResult: Equatable {
        case accepted
        /// The inbox was already closed (finished or cancelled).
        case closed
        /// The worker is `capacity` frames behind; the inbox is now cancelled.
        case overflowed
    }

    /// What the worker gets from `take`.
    enum Batch {
        case frames([AudioFrame])
        /// No more audio will come; decode what you have and end.
        case finished
        /// Stop now.
        case cancelled
    }

    private struct State {
        var frames: [AudioFrame] = []
        var finished = false
        var cancelled = false
    }

    let capacity: Int
    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    func push(_ frame: AudioFrame) -> PushResult {
        let result = state.withLock { state -> PushResult in
            guard !state.finished, !state.cancelled else { return .closed }
            guard state.frames.count < capacity else {
                state.cancelled = true
                state.frames.removeAll()
                return .overflowed
            }
            state.frames.append(frame)
            return .accepted
        }
        if result != .closed { wakeUp.signal() }
        return result
    }

    /// No more frames will be pushed.
    func finish() {
        state.withLock { $0.finished = true }
        wakeUp.signal()
    }

    /// Drops queued frames and wakes the worker to stop.
    func cancel() {
        state.withLock { state in
            state.cancelled = true
            state.frames.removeAll()
        }
        wakeUp.signal()
    }

    /// Blocks until there are frames, the end, or a cancellation; frames come first.
    func take() -> Batch {
        while true {
            let batch = state.withLock { state -> Batch? in
                if state.cancelled { return .cancelled }
                if !state.frames.isEmpty {
                    defer { state.frames.removeAll(keepingCapacity: true) }
                    return .frames(state.frames)
                }
                return state.finished ? .finished : nil
            }
            if let batch { return batch }
            wakeUp.wait()
        }
    }
}
