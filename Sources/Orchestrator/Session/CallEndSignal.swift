import Synchronization

/// Fires once, when a call's session has ended and its record has been delivered. The call registry
/// listens to it to forget the call; tests await it. Safe from any thread.
public final class CallEndSignal: Sendable {
    private struct State {
        var reason: SessionEndReason?
        var observers: [@Sendable (SessionEndReason) -> Void] = []
        var waiters: [CheckedContinuation<SessionEndReason, Never>] = []
    }

    private let state = Mutex(State())

    init() {}

    /// The reason, once the call has ended.
    public var reason: SessionEndReason? { state.withLock { $0.reason } }

    /// Runs `observer` once when the call ends (at once, on the caller's thread, if it already has).
    public func whenEnded(_ observer: @escaping @Sendable (SessionEndReason) -> Void) {
        let ended: SessionEndReason? = state.withLock { state in
            if state.reason == nil { state.observers.append(observer) }
            return state.reason
        }
        if let ended { observer(ended) }
    }

    /// Returns once the call has ended.
    public func wait() async -> SessionEndReason {
        await withCheckedContinuation { continuation in
            let ended: SessionEndReason? = state.withLock { state in
                if state.reason == nil { state.waiters.append(continuation) }
                return state.reason
            }
            if let ended { continuation.resume(returning: ended) }
        }
    }

    func fire(_ reason: SessionEndReason) {
        let (observers, waiters) = state.withLock { state in
            let toNotify = state.reason == nil ? (state.observers, state.waiters) : ([], [])
            if state.reason == nil { state.reason = reason }
            state.observers = []
            state.waiters = []
            return toNotify
        }
        for observer in observers { observer(reason) }
        for waiter in waiters { waiter.resume(returning: reason) }
    }
}
