/// Outcome of a call on a non-blocking descriptor: it completed with a value, or the descriptor was not
/// ready (`EAGAIN`/`EWOULDBLOCK`). Not being ready is the normal state of a non-blocking socket, so it
/// is a value rather than an error; real failures are thrown as `SystemError`.
public enum IOResult<Value> {
    case done(Value)
    case wouldBlock
}

extension IOResult: Sendable where Value: Sendable {}
extension IOResult: Equatable where Value: Equatable {}

/// Outcome of starting a non-blocking `connect`.
enum ConnectProgress: Equatable {
    /// Connected at once (usually loopback).
    case connected
    /// `EINPROGRESS`: writability will report the result, read with `SO_ERROR`.
    case inProgress
}
