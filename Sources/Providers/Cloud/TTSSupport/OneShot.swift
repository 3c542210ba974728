import Synchronization

/// A value set once and awaited by one task: `set` before or after `value()` starts waiting both work;
/// later `set`s are ignored.
final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiter: CheckedContinuation<Value, Never>?
    }

    private let state = Mutex(State())

    init() {}

    /// Sets the value (first call wins) and wakes the waiter. Returns whether this call set it.
    @discardableResult
    func set(_ value: Value) -> Bool {
        let waiter = state.withLock { state -> CheckedContinuation<Value, Never>?? in
            guard state.value == nil else { return .none }
            state.value = value
            defer { state.waiter = nil }
            return .some(state.waiter)
        }
        guard let waiter else { return false }
        waiter?.resume(returning: value)
        return true
    }

    var isSet: Bool { state.withLock { $0.value != nil } }

    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Value? in
                if let value = state.value { return value }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
