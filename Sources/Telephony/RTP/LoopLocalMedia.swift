import Net
#if canImport(Glibc)
import Glibc
#endif

/// The RTP state one loop thread owns: its media clock and its open streams, kept in thread-local
/// storage of that thread. Only the loop's own thread can reach it, which is what lets
/// `RTPMediaStream` be a `Sendable` handle without any lock: every method of the handle checks it runs
/// on its loop and then finds its state here.
final class LoopLocalMedia {
    let mediaClock: MediaClock
    var streams: [UInt64: RTPStreamCore] = [:]
    private var nextStreamID: UInt64 = 1

    private init(loop: EventLoop) {
        mediaClock = MediaClock(loop: loop)
    }

    func allocateStreamID() -> UInt64 {
        defer { nextStreamID += 1 }
        return nextStreamID
    }

    /// The loop thread's instance, created on first use. Loop thread only.
    static func on(_ loop: EventLoop) -> LoopLocalMedia {
        loop.preconditionInEventLoop()
        if let raw = pthread_getspecific(key) {
            return Unmanaged<LoopLocalMedia>.fromOpaque(raw).takeUnretainedValue()
        }
        let local = LoopLocalMedia(loop: loop)
        pthread_setspecific(key, Unmanaged.passRetained(local).toOpaque())
        return local
    }

    /// One key for every loop thread; the value is released when the thread exits.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let result = pthread_key_create(&key) { raw in
            if let raw { Unmanaged<LoopLocalMedia>.fromOpaque(raw).release() }
        }
        precondition(result == 0, "pthread_key_create failed: \(result)")
        return key
    }()
}
