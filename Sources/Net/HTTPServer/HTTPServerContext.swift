/// What every connection of one listener shares: its router, the server's configuration and
/// metrics, and the server-wide count of open connections.
struct HTTPServerContext: Sendable {
    let router: HTTPRouter
    let configuration: HTTPServerConfiguration
    let metrics: HTTPServerMetrics
    let openConnections: Locked<Int>

    func connectionOpened() {
        openConnections.withLock { $0 += 1 }
        metrics.connectionsOpen.increment()
        metrics.connectionsTotal.increment()
    }

    func connectionClosed() {
        openConnections.withLock { $0 -= 1 }
        metrics.connectionsOpen.decrement()
    }
}

/// The per-loop states of one server, created for every loop of its group before any listener
/// starts and never replaced.
// @unchecked Sendable: the dictionary is immutable; each state is touched only on its own loop's thread.
final class HTTPServerLoopStates: @unchecked Sendable {
    private let states: [ObjectIdentifier: HTTPServerLoopState]

    init(loops: [EventLoop]) {
        var states: [ObjectIdentifier: HTTPServerLoopState] = [:]
        for loop in loops { states[ObjectIdentifier(loop)] = HTTPServerLoopState(loop: loop) }
        self.states = states
    }

    /// The state of `loop`; call only on `loop`'s thread.
    func state(for loop: EventLoop) -> HTTPServerLoopState {
        loop.preconditionInEventLoop()
        guard let state = states[ObjectIdentifier(loop)] else {
            preconditionFailure("event loop \(loop.name) is not in the HTTP server's group")
        }
        return state
    }
}
