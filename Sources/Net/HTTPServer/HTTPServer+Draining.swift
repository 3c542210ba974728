extension HTTPServer {
    /// Starts a graceful shutdown: listeners stop accepting, idle connections close, requests in
    /// flight are answered with `Connection: close`, new upgrades get 503. WebSocket sessions go on.
    public func beginDraining() async {
        draining.withLock { $0 = true }
        let listeners = self.listeners.withLock { $0 }
        for listener in listeners { await listener.close() }
        await forEachLoop { state in
            state.isDraining = true
            for connection in Array(state.connections.values) { connection.beginDraining() }
        }
    }

    /// Waits until no connection is open or `timeout` passed; true when none is open. (Polls every
    /// 20 ms: it runs once, at shutdown.)
    public func waitUntilIdle(timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while openConnectionCount > 0 {
            guard clock.now < deadline else { return false }
            try? await Task.sleep(for: Self.drainPollInterval)
        }
        return true
    }

    /// Closes every connection: WebSocket sessions with 1001 (going away) and the close handshake,
    /// HTTP connections after their queued output.
    public func closeAllConnections() async {
        await forEachLoop { state in
            for connection in Array(state.connections.values) { connection.closeForShutdown() }
        }
    }

    /// `beginDraining`, then up to `drainTimeout` for connections to finish, then
    /// `closeAllConnections` and up to `closeTimeout` more. True when every connection closed.
    public func shutdown(drainTimeout: Duration, closeTimeout: Duration = .seconds(8)) async -> Bool {
        await beginDraining()
        if await waitUntilIdle(timeout: drainTimeout) { return true }
        await closeAllConnections()
        return await waitUntilIdle(timeout: closeTimeout)
    }

    private func forEachLoop(_ body: @escaping @Sendable (HTTPServerLoopState) -> Void) async {
        let states = loopStates
        for loop in group.loops {
            _ = try? await loop.submit { body(states.state(for: loop)) }
        }
    }
}
