import Wire

/// One server-side WebSocket session after a successful upgrade, over any `Connection` (TCP or
/// TLS): what a `WebSocketHandler` sends with. Frames are encoded into one reused buffer and written
/// at once (no task, no Foundation, no copy beyond the frame itself); `send` reports the
/// connection's back-pressure so a media sender can stop and wait for `writable`.
///
/// The session answers pings, runs the close handshake (echoing the peer's code, or waiting
/// `closeTimeout` for the peer's answer to ours) and fails the connection with 1002/1007/1009 on a
/// protocol error. Loop thread only.
// @unchecked Sendable: all mutable state is touched only on `loop`'s thread (public methods check it).
public final class WebSocketConnection: @unchecked Sendable {
    enum State {
        /// Data flows both ways.
        case open
        /// We sent a close frame and wait for the peer's (data from the peer is dropped).
        case closeSent
        /// The handshake finished, the connection failed, or TCP closed; the handler was told.
        case closed
    }

    /// A send buffer grown past this by one large message is released afterwards.
    static let retainedBufferBytes = 64 * 1024

    public let loop: EventLoop
    /// The request path the session was opened on (`/twilio`).
    public let path: String
    let connection: any Connection
    let options: WebSocketServerOptions
    var handler: (any WebSocketHandler)?
    var assembler: WebSocketMessageAssembler
    var state = State.open
    var outgoing: [UInt8] = []
    var closeTimer: TimerHandle?
    var sentClose: (code: WebSocketCloseCode, reason: String)?
    /// Told once when the session ends (server bookkeeping: gauges, drain).
    var onEnded: ((WebSocketCloseCode) -> Void)?

    init(connection: any Connection, path: String, handler: any WebSocketHandler, options: WebSocketServerOptions) {
        self.connection = connection
        self.loop = connection.loop
        self.path = path
        self.handler = handler
        self.options = options
        assembler = WebSocketMessageAssembler(role: .server, maxFramePayloadBytes: options.maxMessageBytes,
                                              maxMessageBytes: options.maxMessageBytes)
    }

    public var remoteAddress: SocketAddress? { connection.remoteAddress }
    /// True until either side starts the close handshake or the connection is lost.
    public var isOpen: Bool { state == .open && connection.isOpen }
    /// False while output is above the connection's high-water mark.
    public var isWritable: Bool { isOpen && connection.isWritable }

    /// Sends a text message in one frame.
    @discardableResult
    public func send(text: String) -> WriteStatus {
        var text = text
        return text.withUTF8 { sendFrame(.text, UnsafeRawBufferPointer($0)) }
    }

    /// Sends a binary message in one frame.
    @discardableResult
    public func send(binary: UnsafeRawBufferPointer) -> WriteStatus { sendFrame(.binary, binary) }

    @discardableResult
    public func send(binary: [UInt8]) -> WriteStatus { binary.withUnsafeBytes { sendFrame(.binary, $0) } }

    /// Sends a ping (payload cut to 125 bytes); the answer arrives as a `.pong` message.
    @discardableResult
    public func sendPing(_ payload: [UInt8] = []) -> WriteStatus {
        payload.prefix(WebSocketFrameDecoder.maxControlPayloadBytes).withUnsafeBytes { sendFrame(.ping, $0) }
    }

    /// Starts the close handshake: sends a close frame with `code` (a code not allowed on the wire,
    /// such as 1005 or 1006, is sent as 1011) and `reason` (cut to 123 bytes), drops further data
    /// from the peer, and closes the TCP connection when the peer's close frame arrives or after
    /// `closeTimeout`. The handler hears `closed` with `code` then. No effect unless open.
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") {
        loop.preconditionInEventLoop()
        guard state == .open else { return }
        let code = code.isAllowedOnWire ? code : .internalError
        state = .closeSent
        sentClose = (code, reason)
        writeClose(code: code, reason: reason)
        closeTimer = loop.scheduleLocalTimer(after: options.closeTimeout) { [weak self] in
            self?.closeHandshakeTimedOut()
        }
    }

    func sendFrame(_ opcode: WebSocketOpcode, _ payload: UnsafeRawBufferPointer) -> WriteStatus {
        loop.preconditionInEventLoop()
        guard state == .open else { return .closed }
        outgoing.removeAll(keepingCapacity: true)
        WebSocketFrameEncoder.appendFrame(opcode: opcode, payload: payload, to: &outgoing)
        return flushOutgoing()
    }

    func writeClose(code: WebSocketCloseCode?, reason: String) {
        outgoing.removeAll(keepingCapacity: true)
        WebSocketFrameEncoder.appendClose(code: code, reason: reason, to: &outgoing)
        _ = flushOutgoing()
    }

    private func flushOutgoing() -> WriteStatus {
        let status = outgoing.withUnsafeBytes { connection.write($0) }
        if outgoing.capacity > Self.retainedBufferBytes { outgoing = [] }
        return status
    }
}
