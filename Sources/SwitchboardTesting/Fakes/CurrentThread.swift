#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Identifies the calling thread, so tests can check where a call ran (a session pinned to an executor
/// must call its transport and providers on that executor's thread).
public enum CurrentThread {
    /// The calling thread's pthread id as a number, comparable with `==`.
    public static var id: UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_mach_thread_np(pthread_self()).hashValue)
        #else
        UInt(pthread_self())
        #endif
    }
}
