import Dispatch
import Synchronization

/// A value shared between threads, for test doubles. A `Mutex` whose every use first enters a serial
/// dispatch queue, so the mutex is never contended: on Linux, `Synchronization.Mutex` hands a contended
/// lock over through `FUTEX_LOCK_PI` in the kernel, which the thread sanitizer cannot see, so contended
/// use is reported as a data race that is not one (checked with a four-thread counter under
/// `-sanitize=thread`). Going through the queue keeps `swift test --sanitize=thread` reports meaningful.
public final class Guarded<Value: Sendable>: Sendable {
    private let queue = DispatchQueue(label: "SwitchboardTesting.Guarded")
    private let storage: Mutex<Value>

    public init(_ value: Value) {
        storage = Mutex(value)
    }

    /// Runs `body` with exclusive access to the value.
    public func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        queue.sync { storage.withLock { body(&$0) } }
    }

    /// A copy of the value.
    public var value: Value { withLock { $0 } }
}
