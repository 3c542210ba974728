/// Passes a provider stream through unchanged while letting a wrapper look at each event. Cancelling
/// (or dropping) the returned stream cancels the task reading the source, which cancels the source
/// stream itself: the wrapped provider's request is aborted exactly as if its own stream were dropped.
enum StreamForwarding {
    static func forward<Event: Sendable>(_ source: AsyncStream<Event>,
                                         observe: @escaping @Sendable (Event) -> Void) -> AsyncStream<Event> {
        let (output, continuation) = AsyncStream.makeStream(of: Event.self)
        let reader = Task {
            for await event in source {
                observe(event)
                continuation.yield(event)
            }
            continuation.finish()
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination { reader.cancel() }
        }
        return output
    }
}
