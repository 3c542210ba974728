import Glibc

/// Starts blocking work (reading a child's pipes, decoding speech) on a thread of its own, so it never
/// holds an event-loop thread or one of Swift concurrency's few cooperative threads.
enum WorkerThread {
    /// Runs `body` on a new detached thread. Returns false (and runs nothing) when no thread can be made.
    @discardableResult
    static func start(_ body: @escaping @Sendable () -> Void) -> Bool {
        let box = Unmanaged.passRetained(Body(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
}
