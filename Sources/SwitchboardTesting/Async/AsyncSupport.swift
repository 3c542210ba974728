/// A test wait that ran out of time.
public struct TimedOut: Error, CustomStringConvertible {
    public let what: String
    public init(what: String) { self.what = what }
    public var description: String { "timed out waiting for \(what)" }
}

/// Runs `body`, failing with `TimedOut` after `seconds` (a guard against hangs, never a speed check).
public func withTimeout<T: Sendable>(_ seconds: Double = 10, _ what: String = "operation",
                              _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut(what: what)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}

/// A stream of events pushed from loop threads and awaited by a test, with a timeout on every wait.
public final class EventLog<Event: Sendable>: Sendable {
    public let stream: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation

    public init() {
        (stream, continuation) = AsyncStream.makeStream(of: Event.self)
    }

    public func record(_ event: Event) { continuation.yield(event) }

    /// Waits for the first event matching `predicate`, skipping others.
    public func first(within seconds: Double = 10, _ what: String = "event",
               where predicate: @escaping @Sendable (Event) -> Bool = { _ in true }) async throws -> Event {
        let stream = self.stream
        return try await withTimeout(seconds, what) {
            for await event in stream where predicate(event) { return event }
            throw TimedOut(what: what)
        }
    }

    /// Collects `count` events matching `predicate`.
    public func collect(_ count: Int, within seconds: Double = 10, _ what: String = "events",
                 where predicate: @escaping @Sendable (Event) -> Bool = { _ in true }) async throws -> [Event] {
        let stream = self.stream
        return try await withTimeout(seconds, what) {
            var events: [Event] = []
            for await event in stream where predicate(event) {
                events.append(event)
                if events.count == count { return events }
            }
            throw TimedOut(what: what)
        }
    }
}
