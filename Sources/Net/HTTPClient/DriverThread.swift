#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached POSIX thread running `body` (for the curl driver; not the event loop).
/// (Unnamed: glibc's pthread_setname_np needs _GNU_SOURCE, which the Glibc module does not import.)
enum DriverThread {
    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(run: @escaping @Sendable () -> Void) { self.run = run }
    }

    static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Body(run: body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { argument in
            let body = Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue()
            body.run()
            return nil
        }, box)
        precondition(result == 0, "pthread_create failed with \(result)")
        pthread_detach(thread)
    }
}
