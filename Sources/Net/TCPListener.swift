import CSystemShims

/// A listening TCP socket: accepts until `EAGAIN` on each readiness event, hands each connection to a
/// loop of its group (round-robin) where `makeHandler` builds its handler, and stops accepting while
/// `maxConnections` are open (the kernel backlog holds the rest) or descriptors run out. Silent
/// connections are closed by their idle timeout, so they can never starve the server.
// @unchecked Sendable: mutable state is touched only on `loop`'s thread; other loops reach it through `loop.execute`.
public final class TCPListener: IOHandler, @unchecked Sendable {
    /// Listener limits; `connection` applies to every accepted connection.
    public struct Options: Sendable {
        /// `listen(2)` backlog.
        public var backlog: Int32 = 1024
        /// Open connections at which accepting pauses.
        public var maxConnections = 10_000
        public var reuseAddress = true
        public var connection = TCPConnection.Options()
        public init() {}
    }

    /// Pause after `EMFILE`/`ENFILE` before accepting again (level-triggered epoll would spin otherwise).
    static let descriptorExhaustionBackoff: Duration = .milliseconds(100)

    public let loop: EventLoop
    public let localAddress: SocketAddress
    public let options: Options
    private let targets: [EventLoop]
    private let makeHandler: @Sendable (TCPConnection) -> any ConnectionHandler
    private var fd: Int32
    private var registration: IORegistration?
    private var nextTarget = 0
    private var acceptPaused = false
    private var backoffTimer: TimerHandle?
    /// Connections accepted and not yet closed (listener loop's view).
    public private(set) var connectionCount = 0
    /// Connections accepted since the listener opened.
    public private(set) var acceptedCount = 0

    /// Binds and listens on `address`, on one loop of `group`, spreading connections over all of them.
    public static func bind(_ address: SocketAddress, on group: EventLoopGroup, options: Options = Options(),
                            handler: @escaping @Sendable (TCPConnection) -> any ConnectionHandler) async throws -> TCPListener {
        let loop = group.next()
        return try await loop.submit {
            try TCPListener.bind(address, on: loop, distributingTo: group.loops, options: options, handler: handler)
        }
    }

    /// Binds and listens on `address` on `loop` (its thread only); connections go to `targets` in turn.
    public static func bind(_ address: SocketAddress, on loop: EventLoop, distributingTo targets: [EventLoop]? = nil,
                            options: Options = Options(),
                            handler: @escaping @Sendable (TCPConnection) -> any ConnectionHandler) throws(SystemError) -> TCPListener {
        loop.preconditionInEventLoop()
        let fd = try Syscalls.socket(domain: address.family, type: Int32(SOCK_STREAM.rawValue))
        do {
            if options.reuseAddress { try Syscalls.setsockopt(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: Int32(1)) }
            try Syscalls.bind(fd, to: address)
            try Syscalls.listen(fd, backlog: options.backlog)
            let listener = TCPListener(fd: fd, loop: loop, localAddress: try Syscalls.getsockname(fd),
                                       targets: targets ?? [loop], options: options, makeHandler: handler)
            listener.registration = try loop.register(fd: fd, interest: .readable, handler: listener)
            return listener
        } catch {
            try? Syscalls.close(fd)
            throw error
        }
    }

    private init(fd: Int32, loop: EventLoop, localAddress: SocketAddress, targets: [EventLoop], options: Options,
                 makeHandler: @escaping @Sendable (TCPConnection) -> any ConnectionHandler) {
        self.fd = fd
        self.loop = loop
        self.localAddress = localAddress
        self.targets = targets.isEmpty ? [loop] : targets
        self.options = options
        self.makeHandler = makeHandler
    }

    public var isOpen: Bool { fd >= 0 }
    /// The descriptor (for diagnostics and tests); -1 once closed.
    public var descriptor: Int32 { fd }
    /// True while accepting is paused (connection cap reached, or descriptors exhausted).
    public var isAcceptPaused: Bool { acceptPaused }

    public func ioReady(_ events: IOEvents) {
        while isOpen, connectionCount < options.maxConnections {
            let accepted: Int32
            do {
                guard case .done(let descriptor) = try Syscalls.accept(fd) else { return }
                accepted = descriptor
            } catch {
                handleAcceptError(error)
                return
            }
            connectionCount += 1
            acceptedCount += 1
            handOff(accepted)
        }
        if isOpen, connectionCount >= options.maxConnections { setAccepting(false) }
    }

    private func handleAcceptError(_ error: SystemError) {
        switch error.errno {
        case ECONNABORTED, EPROTO, EPERM:
            return // that one connection failed; level-triggered epoll reports the rest
        case EMFILE, ENFILE, ENOBUFS, ENOMEM:
            setAccepting(false)
            backoffTimer = loop.scheduleLocalTimer(after: Self.descriptorExhaustionBackoff) { [weak self] in
                self?.backoffTimer = nil
                self?.resumeIfBelowLimit()
            }
        default:
            return
        }
    }

    /// Creates the connection on its target loop; if that loop has stopped, the descriptor is closed.
    private func handOff(_ descriptor: Int32) {
        let target = targets[nextTarget % targets.count]
        nextTarget &+= 1
        let options = self.options.connection
        let makeHandler = self.makeHandler
        let adopt: @Sendable () -> Void = { [self] in
            do {
                _ = try TCPConnection.adopt(fd: descriptor, on: target, options: options,
                                            onClose: { [self] in connectionEnded() }, makeHandler: makeHandler)
            } catch {
                try? Syscalls.close(descriptor)
                connectionEnded()
            }
        }
        if target === loop {
            adopt()
        } else if !target.enqueueRemote(.closure(adopt)) {
            try? Syscalls.close(descriptor)
            connectionCount -= 1
        }
    }

    /// A connection closed (on any loop): count it down on the listener's loop and resume accepting.
    private func connectionEnded() {
        guard !loop.inEventLoop else {
            connectionCount -= 1
            resumeIfBelowLimit()
            return
        }
        loop.execute { [self] in
            connectionCount -= 1
            resumeIfBelowLimit()
        }
    }

    private func resumeIfBelowLimit() {
        if isOpen, backoffTimer == nil, connectionCount < options.maxConnections { setAccepting(true) }
    }

    private func setAccepting(_ on: Bool) {
        guard let registration, acceptPaused == on else { return }
        acceptPaused = !on
        do { try loop.modify(registration, interest: on ? .readable : []) } catch { closeOnLoop() }
    }

    /// Stops accepting and closes the listening socket; open connections carry on. From any thread.
    public func close() async {
        if loop.inEventLoop {
            closeOnLoop()
        } else {
            _ = try? await loop.submit { [self] in closeOnLoop() }
        }
    }

    /// `close()` for callers already on the listener's loop.
    public func closeOnLoop() {
        loop.preconditionInEventLoop()
        guard isOpen else { return }
        backoffTimer?.cancel()
        backoffTimer = nil
        if let registration { loop.deregister(registration) }
        registration = nil
        try? Syscalls.close(fd)
        fd = -1
    }

    public func ioLoopClosing() { closeOnLoop() }
}
