import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// A joinable POSIX thread running one closure; the event loops' threads (no Foundation `Thread`).
struct LoopThread: @unchecked Sendable {
    // @unchecked Sendable: pthread_t is an integer handle; joining it from another thread is its purpose.
    let handle: pthread_t

    /// Starts `body` on a new thread named `name` (Linux keeps the first 15 bytes).
    static func start(name: String, _ body: @escaping @Sendable () -> Void) -> LoopThread {
        final class Box: @unchecked Sendable {
            // @unchecked Sendable: written once before pthread_create, read once by the new thread.
            let body: @Sendable () -> Void
            let name: String
            init(_ body: @escaping @Sendable () -> Void, _ name: String) { self.body = body; self.name = name }
        }
        let box = Unmanaged.passRetained(Box(body, name)).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(&handle, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            _ = sb_set_thread_name(String(box.name.utf8.prefix(15))!)
            box.body()
            return nil
        }, box)
        precondition(result == 0, "pthread_create failed: \(result)")
        return LoopThread(handle: handle)
    }

    /// Waits for the thread to finish. Never call it from the thread itself.
    func join() { pthread_join(handle, nil) }

    /// Lets the thread clean up after itself when it ends (short-lived worker threads).
    func detach() { pthread_detach(handle) }
}

/// A POSIX semaphore used for the few blocking hand-shakes (a loop thread announcing it runs,
/// `syncShutdown`). Never waited on from a loop thread.
final class Semaphore: @unchecked Sendable {
    // @unchecked Sendable: sem_t is made for cross-thread use; the pointer is fixed for the object's life.
    private let semaphore: UnsafeMutablePointer<sem_t>
    init(value: UInt32 = 0) {
        semaphore = .allocate(capacity: 1)
        sem_init(semaphore, 0, value)
    }
    deinit { sem_destroy(semaphore); semaphore.deallocate() }
    func signal() { sem_post(semaphore) }
    func wait() { while sem_wait(semaphore) == -1 && errno == EINTR {} }
}
