import Synchronization

/// The faults a fake plays, one per request in order; when they run out, requests succeed.
public final class FakeFaultScript: Sendable {
    private let queue = Mutex<[FakeTTSFault]>([])

    public init() {}

    /// Queues `faults` for the next requests.
    public func add(_ faults: FakeTTSFault...) { queue.withLock { $0 += faults } }

    /// The fault for the request arriving now, if any.
    func next() -> FakeTTSFault? {
        queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }
}
