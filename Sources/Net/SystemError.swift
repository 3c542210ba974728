import CSystemShims
#if canImport(Glibc)
import Glibc
#endif

/// A failed system call: the call's name and the `errno` it left. The only error type `Net`'s syscall
/// wrappers throw, so the rest of the code never sees a raw return code.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let errno: Int32
    public init(_ call: String, errno: Int32) { self.call = call; self.errno = errno }
    public var description: String { "\(call): \(String(cString: strerror(errno))) (errno \(errno))" }
}
