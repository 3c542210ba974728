import CSystemShims

/// One non-blocking TCP stream on one event loop: reads into the loop's shared buffer and hands the
/// bytes to its `ConnectionHandler`; queues what cannot be sent at once and sends it with gathered
/// writes; applies back-pressure, idle timeout, half-close and close-exactly-once.
///
/// Level-triggered epoll: read interest is simply dropped while back-pressured or paused (no "must read
/// until EAGAIN" rule, so one busy peer cannot starve the others: one read per turn, the loop comes back
/// while data remains), and write interest is set only while bytes are queued.
///
/// Every method runs on `loop`'s thread.
// @unchecked Sendable: all mutable state is touched only on `loop`'s thread (public methods check it).
public final class TCPConnection: Connection, IOHandler, @unchecked Sendable {
    /// Limits and behaviour of one connection.
    public struct Options: Sendable {
        /// Queued output at which writes report `.backPressure` and reading stops.
        public var highWaterMark = 256 * 1024
        /// Queued output below which reading resumes and `connectionWritable()` is called.
        public var lowWaterMark = 64 * 1024
        /// Queued output beyond which the connection is closed (`.writeQueueOverflow`): the bound that
        /// holds even for a consumer ignoring back-pressure.
        public var maxQueuedBytes = 4 * 1024 * 1024
        /// Close after this long with nothing received and no queued byte sent; `nil` never.
        public var idleTimeout: Duration? = .seconds(60)
        /// Keep the connection open after the peer's end of stream (the handler closes it).
        public var allowHalfClosure = false
        /// `TCP_NODELAY`: voice traffic wants latency over packet count.
        public var noDelay = true
        /// Client connects fail with `.connectTimeout` after this long.
        public var connectTimeout: Duration = .seconds(10)
        /// `SO_SNDBUF` / `SO_RCVBUF` in bytes, or the kernel's autotuning. Small buffers make
        /// back-pressure reach the application sooner.
        public var sendBufferBytes: Int32? = nil
        public var receiveBufferBytes: Int32? = nil
        /// Reads per readiness event while each fills the whole buffer (fairness bound).
        public var readsPerWake = 4
        public init() {}
    }

    enum State { case connecting, open, closed }

    public let loop: EventLoop
    public let options: Options
    public let remoteAddress: SocketAddress?
    public var handler: (any ConnectionHandler)?
    /// Called once when the connection closes (the listener's connection count).
    var onClose: (() -> Void)?

    var fd: Int32
    var state: State
    var registration: IORegistration?
    var registeredInterest: IOEvents = []
    let queue = WriteQueue()
    var backPressured = false
    var pausedByUser = false
    var inputEnded = false
    var outputShutdownRequested = false
    var outputShutDown = false
    var closeAfterFlush: CloseReason?
    var lastActivity: UInt64 = 0
    var idleTimer: TimerHandle?
    /// The connect timeout, then the lingering-close timeout.
    var deadlineTimer: TimerHandle?

    init(fd: Int32, loop: EventLoop, remoteAddress: SocketAddress?, state: State, options: Options) {
        self.fd = fd
        self.loop = loop
        self.remoteAddress = remoteAddress
        self.state = state
        self.options = options
    }

    public var isOpen: Bool { state != .closed }
    public var isWritable: Bool { state != .closed && !backPressured }
    /// Bytes queued and not yet handed to the kernel.
    public var queuedBytes: Int { queue.byteCount }
    /// True while reading is stopped because output is above the high-water mark.
    public var isBackPressured: Bool { backPressured }
    /// The descriptor (for diagnostics and tests); -1 once closed.
    public var descriptor: Int32 { fd }

    public var localAddress: SocketAddress? { fd >= 0 ? try? Syscalls.getsockname(fd) : nil }

    /// Takes ownership of an accepted descriptor, makes its handler and starts reading. Throws (leaving
    /// the descriptor to the caller) only before the handler exists; after that every failure is a
    /// close reported to the handler, and `onClose` runs exactly once. Loop thread only.
    static func adopt(fd: Int32, on loop: EventLoop, options: Options, onClose: @escaping () -> Void,
                      makeHandler: (TCPConnection) -> any ConnectionHandler) throws(SystemError) -> TCPConnection {
        loop.preconditionInEventLoop()
        let connection = TCPConnection(fd: fd, loop: loop, remoteAddress: try? Syscalls.getpeername(fd),
                                       state: .open, options: options)
        do {
            try connection.configureSocket()
        } catch {
            connection.fd = -1
            connection.state = .closed
            throw error
        }
        connection.onClose = onClose
        connection.handler = makeHandler(connection)
        do {
            try connection.startWatching()
        } catch {
            connection.close(reason: .error(error))
            return connection
        }
        loop.executeLocal { [connection] in if connection.isOpen { connection.handler?.connectionActive() } }
        return connection
    }

    func configureSocket() throws(SystemError) {
        if options.noDelay { try Syscalls.setsockopt(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: Int32(1)) }
        if let bytes = options.sendBufferBytes { try Syscalls.setsockopt(fd, level: SOL_SOCKET, name: SO_SNDBUF, value: bytes) }
        if let bytes = options.receiveBufferBytes { try Syscalls.setsockopt(fd, level: SOL_SOCKET, name: SO_RCVBUF, value: bytes) }
    }

    func startWatching() throws(SystemError) {
        let interest = wantedInterest()
        registration = try loop.register(fd: fd, interest: interest, handler: self)
        registeredInterest = interest
        lastActivity = loop.now
        armIdleTimer()
    }

    // MARK: Readiness

    public func ioReady(_ events: IOEvents) {
        if state == .connecting {
            finishConnect()
            return
        }
        if events.contains(.error), !registeredInterest.contains(.readable) {
            closeWithPendingError()
            return
        }
        if events.contains(.readable) || (events.contains(.hangup) && registeredInterest.contains(.readable)) {
            readAvailable()
        }
        if state == .open, events.contains(.writable) { flush() }
        if state == .open, events.contains(.hangup), !registeredInterest.contains(.readable) {
            close(reason: .peerClosed)
        }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        for _ in 0..<options.readsPerWake where state == .open && wantsRead {
            let count: Int
            do {
                guard case .done(let read) = try Syscalls.read(fd, into: buffer) else { return }
                count = read
            } catch {
                close(reason: .error(error))
                return
            }
            if count == 0 {
                endOfInput()
                return
            }
            if closeAfterFlush != nil { continue } // closing: drain and discard until the peer's FIN
            lastActivity = loop.now
            handler?.connectionReceived(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            if count < buffer.count { return }
        }
    }

    private func endOfInput() {
        inputEnded = true
        updateInterest()
        if let reason = closeAfterFlush {
            if queue.isEmpty { close(reason: reason) }
            return
        }
        handler?.connectionInputEnded()
        guard state == .open else { return }
        if outputShutDown {
            close(reason: .peerClosed)
        } else if !options.allowHalfClosure {
            finishThenClose(reason: .peerClosed)
        }
    }

    /// Input is read while open and neither paused nor back-pressured; while closing it is read and
    /// discarded, so closing never leaves unread bytes (which would make the kernel send RST and the
    /// peer lose the reply still in flight).
    var wantsRead: Bool {
        if inputEnded { return false }
        if closeAfterFlush != nil { return true }
        return !pausedByUser && !backPressured
    }

    func wantedInterest() -> IOEvents {
        if state == .connecting { return .writable }
        var interest: IOEvents = []
        if wantsRead { interest.insert(.readable) }
        if !queue.isEmpty { interest.insert(.writable) }
        return interest
    }

    /// Re-registers only when the wanted interest changed (one epoll_ctl per transition).
    func updateInterest() {
        guard state != .closed, let registration else { return }
        let wanted = wantedInterest()
        guard wanted != registeredInterest else { return }
        do {
            try loop.modify(registration, interest: wanted)
            registeredInterest = wanted
        } catch {
            close(reason: .error(error))
        }
    }

    public func pauseReading() {
        loop.preconditionInEventLoop()
        pausedByUser = true
        updateInterest()
    }

    public func resumeReading() {
        loop.preconditionInEventLoop()
        pausedByUser = false
        updateInterest()
    }
}
