/// Ties a pulled stream's producer to the stream's life: `AsyncStream(unfolding:)` calls `next`, and
/// when the stream (with its iterator) is dropped without being cancelled, this object goes away and
/// `cancel` still runs, so dropping a stream stops its work as cancelling does.
final class StreamOwner<Event: Sendable>: Sendable {
    private let produce: @Sendable () async -> Event?
    private let stop: @Sendable () -> Void

    init(next: @escaping @Sendable () async -> Event?, cancel: @escaping @Sendable () -> Void) {
        self.produce = next
        self.stop = cancel
    }

    deinit {
        stop()
    }

    func next() async -> Event? { await produce() }

    func cancel() { stop() }

    /// A pulled stream over `next`, cancelled when its consumer is cancelled or drops it.
    static func stream(next: @escaping @Sendable () async -> Event?,
                       cancel: @escaping @Sendable () -> Void) -> AsyncStream<Event> {
        let owner = StreamOwner(next: next, cancel: cancel)
        return AsyncStream(unfolding: { await owner.next() }, onCancel: { owner.cancel() })
    }
}
