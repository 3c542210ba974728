import Synchronization

/// Hands out a fixed list of events one at a time to a pulled stream (`AsyncStream(unfolding:)`),
/// with each event's position. Thread-safe, so the stream's closure can be `@Sendable`.
final class EventCursor<Event: Sendable>: Sendable {
    private let events: [Event]
    private let position = Mutex(0)

    init(_ events: [Event]) {
        self.events = events
    }

    /// The next event and its index, or nil when all were handed out.
    func next() -> (Int, Event)? {
        position.withLock { index in
            guard index < events.count else { return nil }
            defer { index += 1 }
            return (index, events[index])
        }
    }
}
