import CSystemShims

/// A bound, non-blocking UDP socket on one event loop: batched receive with `recvmmsg` into the loop's
/// preallocated slots, delivered with each source address; `send(to:)` and batched `sendmmsg`. Used for
/// RTP and SIP. Every method runs on the loop thread (`loop.submit` from elsewhere).
// @unchecked Sendable: all mutable state is touched only on `loop`'s thread (methods check it).
public final class UDPSocket: IOHandler, @unchecked Sendable {
    /// Tuning for one socket.
    public struct Options: Sendable {
        /// Largest datagram accepted or sent; longer received ones are dropped and counted. At most
        /// `DatagramSlots.slotSize` (9216). Default fits any RTP packet and SIP message under the MTU.
        public var maxDatagramSize = 2048
        /// `recvmmsg` calls per readiness event before yielding to other descriptors (fairness).
        public var batchesPerWake = 4
        /// `SO_RCVBUF` in bytes, or the system default.
        public var receiveBufferBytes: Int32? = nil
        /// `SO_REUSEADDR`.
        public var reuseAddress = false
        public init() {}
    }

    public let loop: EventLoop
    public let localAddress: SocketAddress
    public let options: Options
    public var handler: (any DatagramHandler)?
    private var fd: Int32
    private var registration: IORegistration?
    /// Received datagrams dropped for exceeding `maxDatagramSize`.
    public private(set) var oversizeDropped = 0
    /// Sends dropped because the send buffer was full.
    public private(set) var sendsDropped = 0

    /// Binds a socket to `address` (port 0 picks one; see `localAddress`) and starts receiving into
    /// `handler`. Loop thread only.
    public static func bind(_ address: SocketAddress, on loop: EventLoop, options: Options = Options(),
                            handler: (any DatagramHandler)? = nil) throws(SystemError) -> UDPSocket {
        loop.preconditionInEventLoop()
        let fd = try Syscalls.socket(domain: address.family, type: Int32(SOCK_DGRAM.rawValue))
        do {
            if options.reuseAddress { try Syscalls.setsockopt(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: Int32(1)) }
            if let size = options.receiveBufferBytes { try Syscalls.setsockopt(fd, level: SOL_SOCKET, name: SO_RCVBUF, value: size) }
            try Syscalls.bind(fd, to: address)
            let socket = UDPSocket(fd: fd, loop: loop, localAddress: try Syscalls.getsockname(fd), options: options)
            socket.handler = handler
            socket.registration = try loop.register(fd: fd, interest: .readable, handler: socket)
            return socket
        } catch {
            try? Syscalls.close(fd)
            throw error
        }
    }

    private init(fd: Int32, loop: EventLoop, localAddress: SocketAddress, options: Options) {
        self.fd = fd
        self.loop = loop
        self.localAddress = localAddress
        var options = options
        options.maxDatagramSize = max(1, min(options.maxDatagramSize, DatagramSlots.slotSize))
        self.options = options
    }

    public var isOpen: Bool { fd >= 0 }
    /// The descriptor (for diagnostics and tests); -1 once closed.
    public var descriptor: Int32 { fd }

    // MARK: Receiving

    public func ioReady(_ events: IOEvents) {
        let slots = loop.receiveSlots
        for _ in 0..<options.batchesPerWake where isOpen {
            slots.prepareForReceive(maxSize: options.maxDatagramSize)
            let count: Int
            do {
                guard case .done(let received) = try Syscalls.recvmmsg(fd, slots.headers) else { return }
                count = received
            } catch {
                if Self.isTransient(error) { continue }
                close(reason: .error(error))
                return
            }
            for index in 0..<count {
                let datagram = slots.received(index)
                guard !datagram.truncated else { oversizeDropped += 1; continue }
                guard let source = datagram.source else { continue }
                handler?.datagramReceived(datagram.bytes, from: source)
                if !isOpen { return }
            }
            handler?.datagramBatchEnded()
            if count < DatagramSlots.count { return }
        }
    }

    /// ICMP errors reported on an unconnected socket concern one earlier send, not the socket.
    private static func isTransient(_ error: SystemError) -> Bool {
        [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EMSGSIZE].contains(error.errno)
    }

    // MARK: Sending

    public func send(_ bytes: UnsafeRawBufferPointer, to destination: SocketAddress) -> DatagramSendOutcome {
        loop.preconditionInEventLoop()
        guard isOpen else { return .closed }
        guard bytes.count <= options.maxDatagramSize else { return .tooLarge }
        do {
            switch try Syscalls.sendto(fd, bytes, to: destination) {
            case .done: return .sent
            case .wouldBlock: sendsDropped += 1; return .dropped
            }
        } catch {
            return .failed(error)
        }
    }

    public func send(_ bytes: [UInt8], to destination: SocketAddress) -> DatagramSendOutcome {
        bytes.withUnsafeBytes { send($0, to: destination) }
    }

    /// Sends `datagrams` with as few `sendmmsg` calls as possible; returns how many were sent. Oversized
    /// ones are skipped; the rest of a batch that hits a full send buffer is dropped and counted.
    @discardableResult
    public func send(batch datagrams: [OutgoingDatagram]) -> Int {
        loop.preconditionInEventLoop()
        guard isOpen else { return 0 }
        let eligible = datagrams.filter { $0.bytes.count <= options.maxDatagramSize }
        let slots = loop.sendSlots
        var sent = 0
        var start = 0
        while start < eligible.count {
            let chunk = eligible[start..<min(start + DatagramSlots.count, eligible.count)]
            for (index, datagram) in chunk.enumerated() {
                datagram.bytes.withUnsafeBytes { slots.prepareSend(index, bytes: $0, to: datagram.destination) }
            }
            let result = try? Syscalls.sendmmsg(fd, UnsafeMutableBufferPointer(rebasing: slots.headers[0..<chunk.count]))
            guard case .done(let count)? = result, count > 0 else { break }
            sent += count
            start += count
        }
        sendsDropped += eligible.count - sent
        return sent
    }

    // MARK: Closing

    /// Closes the socket; the handler hears `.local` on the loop's next turn.
    public func close() {
        loop.preconditionInEventLoop()
        close(reason: .local)
    }

    public func ioLoopClosing() { close(reason: .loopShutdown) }

    private func close(reason: CloseReason) {
        guard isOpen else { return }
        if let registration { loop.deregister(registration) }
        registration = nil
        try? Syscalls.close(fd)
        fd = -1
        let handler = self.handler
        self.handler = nil
        loop.executeLocal { handler?.datagramSocketClosed(reason) }
    }
}
