import Synchronization

/// A flag that can be claimed once, so a stream's terminal event is counted once even if a provider
/// broke its contract and sent two.
final class CountOnce: Sendable {
    private let claimed = Atomic<Bool>(false)

    func claim() -> Bool {
        !claimed.exchange(true, ordering: .relaxed)
    }
}
