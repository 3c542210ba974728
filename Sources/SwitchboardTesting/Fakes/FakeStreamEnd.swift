/// How a fake provider stream ended, as its consumer caused it: the consumer cancelled (or dropped) it
/// before its end, or the stream finished on its own after a terminal event (a consumer that stops
/// reading after the terminal event counts as finished: it cancelled nothing).
public enum FakeStreamEnd: Sendable, Hashable {
    case cancelled
    case finished
}

extension FakeStreamEnd {
    init<Element>(_ termination: AsyncStream<Element>.Continuation.Termination) {
        switch termination {
        case .cancelled: self = .cancelled
        case .finished: self = .finished
        @unknown default: self = .finished
        }
    }
}
