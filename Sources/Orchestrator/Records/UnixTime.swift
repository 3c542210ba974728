#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A wall-clock moment as time since the Unix epoch, for call records (instants within a call are
/// `CallInstant`s on the call's monotonic clock).
public struct UnixTime: Sendable, Hashable, Comparable {
    public var sinceEpoch: Duration

    public init(sinceEpoch: Duration) {
        self.sinceEpoch = sinceEpoch
    }

    /// The current wall-clock time (`CLOCK_REALTIME`).
    public static func now() -> UnixTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UnixTime(sinceEpoch: .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec)))
    }

    public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.sinceEpoch < rhs.sinceEpoch }
}
