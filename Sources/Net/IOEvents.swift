import CSystemShims

/// Readiness a descriptor is watched for, or reported with (epoll's event bits). Level-triggered.
public struct IOEvents: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let readable = IOEvents(rawValue: EPOLLIN.rawValue)
    public static let writable = IOEvents(rawValue: EPOLLOUT.rawValue)
    /// The peer shut down its sending side (reported only when asked for).
    public static let readHangup = IOEvents(rawValue: EPOLLRDHUP.rawValue)
    /// Both directions are shut down; always reported, never needs asking.
    public static let hangup = IOEvents(rawValue: EPOLLHUP.rawValue)
    /// An error is pending on the descriptor (`SO_ERROR`); always reported.
    public static let error = IOEvents(rawValue: EPOLLERR.rawValue)
}

/// Something the loop watches: a socket, a pipe, or a descriptor another library owns (curl).
/// Every call happens on the owning loop's thread.
public protocol IOHandler: AnyObject {
    /// The descriptor is ready for `events` (which may include `.hangup`/`.error` without being asked).
    func ioReady(_ events: IOEvents)
    /// The loop is shutting down: close the descriptor (deregistering it first) and tell your consumer.
    func ioLoopClosing()
}

/// The ticket for one registered descriptor; ids are never reused, so events for a descriptor that was
/// deregistered (and whose number was reused) within one wait are dropped, not misdelivered.
public struct IORegistration: Sendable, Hashable {
    public let id: UInt64
    public let fd: Int32
}
