import CSystemShims

extension TCPConnection {
    /// Opens a client connection to `address` without blocking; `makeHandler` runs at once and the
    /// handler hears `connectionActive()` when the connect completes, or `connectionClosed` with
    /// `.connectTimeout` or `.error` if it fails. Writes made before then are queued. Loop thread only.
    public static func connect(to address: SocketAddress, on loop: EventLoop, options: Options = Options(),
                               handler makeHandler: (TCPConnection) -> any ConnectionHandler) throws(SystemError) -> TCPConnection {
        loop.preconditionInEventLoop()
        let fd = try Syscalls.socket(domain: address.family, type: Int32(SOCK_STREAM.rawValue))
        let connection = TCPConnection(fd: fd, loop: loop, remoteAddress: address, state: .connecting, options: options)
        do {
            try connection.configureSocket()
            let progress = try Syscalls.connect(fd, to: address)
            connection.handler = makeHandler(connection)
            if progress == .connected { connection.state = .open }
            try connection.startWatching()
        } catch {
            connection.state = .closed
            connection.handler = nil
            try? Syscalls.close(fd)
            throw error
        }
        if connection.state == .open {
            loop.executeLocal { [connection] in connection.becameActive() }
        } else {
            connection.deadlineTimer = loop.scheduleLocalTimer(after: options.connectTimeout) { [weak connection] in
                connection?.close(reason: .connectTimeout)
            }
        }
        return connection
    }

    /// Writability while connecting: `SO_ERROR` says whether the connect worked.
    func finishConnect() {
        let pending: Int32
        do { pending = try Syscalls.getsockopt(fd, level: SOL_SOCKET, name: SO_ERROR) } catch { close(reason: .error(error)); return }
        guard pending == 0 else {
            close(reason: .error(SystemError("connect", errno: pending)))
            return
        }
        state = .open
        deadlineTimer?.cancel()
        deadlineTimer = nil
        lastActivity = loop.now
        updateInterest()
        becameActive()
    }

    private func becameActive() {
        guard state == .open else { return }
        handler?.connectionActive()
        if state == .open, !queue.isEmpty { flush() }
    }

    // MARK: Closing

    public func close(_ mode: CloseMode) {
        loop.preconditionInEventLoop()
        switch mode {
        case .immediately: close(reason: .local)
        case .afterFlush: finishThenClose(reason: .local)
        }
    }

    /// Stops delivering input; once the queue has drained, sends FIN and closes on the peer's FIN (or
    /// after `lingerTimeout`). At once if nothing is queued and the input has already ended or the
    /// connect has not completed; bytes written while connecting are sent first.
    func finishThenClose(reason: CloseReason) {
        guard state != .closed, closeAfterFlush == nil else { return }
        if queue.isEmpty && (state == .connecting || inputEnded) {
            close(reason: reason)
            return
        }
        closeAfterFlush = reason
        updateInterest()
        if state == .open, queue.isEmpty { flush() }
    }

    public func ioLoopClosing() { close(reason: .loopShutdown) }

    /// Reads `SO_ERROR` after an error event and closes with it.
    func closeWithPendingError() {
        let code = (try? Syscalls.getsockopt(fd, level: SOL_SOCKET, name: SO_ERROR)) ?? 0
        close(reason: code == 0 ? .peerClosed : .error(SystemError("socket", errno: code)))
    }

    /// The one place a connection closes: releases the descriptor and timers now, and tells the
    /// handler on the loop's next turn (never from inside the caller's stack).
    func close(reason: CloseReason) {
        guard state != .closed else { return }
        state = .closed
        idleTimer?.cancel()
        deadlineTimer?.cancel()
        idleTimer = nil
        deadlineTimer = nil
        if let registration { loop.deregister(registration) }
        registration = nil
        try? Syscalls.close(fd)
        fd = -1
        queue.removeAll()
        let handler = self.handler
        self.handler = nil
        onClose?()
        onClose = nil
        loop.executeLocal { handler?.connectionClosed(reason) }
    }

    // MARK: Idle timeout

    /// One timer per connection, re-armed from `lastActivity` when it fires rather than on every read.
    func armIdleTimer() {
        guard let timeout = options.idleTimeout else { return }
        let limit = EventLoop.nanoseconds(timeout)
        let idle = loop.now &- lastActivity
        let remaining = idle >= limit ? 0 : limit - idle
        idleTimer = loop.scheduleLocalTimer(after: .nanoseconds(Int64(clamping: remaining))) { [weak self] in
            self?.idleTimerFired(limit: limit)
        }
    }

    private func idleTimerFired(limit: UInt64) {
        guard state != .closed else { return }
        if loop.now &- lastActivity >= limit, state == .open || closeAfterFlush != nil {
            close(reason: .idleTimeout)
        } else {
            armIdleTimer()
        }
    }
}
