/// Whether the process is ready for calls, as `/readyz` reports it: not before the listeners are up,
/// and no longer once a graceful shutdown has begun. Shared by the lifecycle and the routes.
public final class ServerReadiness: Sendable {
    public enum State: String, Sendable {
        case starting, ready, draining
    }

    private let state = Locked(State.starting)

    public init() {}

    public var current: State { state.withLock { $0 } }

    /// Listeners are up: `/readyz` answers 200.
    public func markReady() {
        state.withLock { if $0 == .starting { $0 = .ready } }
    }

    /// Graceful shutdown began: `/readyz` answers 503 from now on.
    public func markDraining() {
        state.withLock { $0 = .draining }
    }
}
