/// How a fake provider stream ended, as its consumer caused it: the consumer cancelled (or dropped) it,
/// or the stream finished on its own after a terminal event.
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
