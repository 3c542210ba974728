/// TLS over another byte stream, as a layer: a `ConnectionHandler` of the transport below (usually a
/// `TCPConnection`) and a `Connection` for the handler above, which sees plaintext only. HTTP and
/// WebSocket code therefore runs unchanged with or without TLS.
///
/// - The handshake starts when the transport is active and must finish within `handshakeTimeout`
///   (else `.handshakeTimeout`); the upper handler hears `connectionActive()` once it has. Writes made
///   before then are held by the engine and sent after it.
/// - Writes are encrypted into the engine's memory BIO and moved to the transport at once, in 16 KiB
///   pieces through a stack buffer: no heap allocation per write beyond what OpenSSL does.
/// - Back-pressure goes both ways: a write answers `.backPressure` when the transport does (or while
///   more than `handshakeHighWaterMark` bytes wait for the handshake), and `connectionWritable()` is
///   passed up when the transport drains. `pauseReading` and `resumeReading` go down unchanged.
/// - `close()` sends close_notify first; the peer's close_notify is answered and reported as end of
///   input; end of stream without it is `.tls(.truncated)`. TLS failures close with `.tls(error)` at
///   once (the alert is still sent).
///
/// Everything runs on the transport's loop thread. Build one with `TLSConnection.connect` (client) or
/// `TLSConnection.wrapping` (server, e.g. from a `TCPListener`'s handler factory).
// @unchecked Sendable: every mutable property is touched only on `loop`'s thread (public methods check it).
public final class TLSConnection: Connection, @unchecked Sendable {
    /// Handshake timeout and the bounds on bytes held before the handshake completes.
    public struct Options: Sendable {
        /// From the transport being active until the handshake is done; then `.handshakeTimeout`.
        public var handshakeTimeout: Duration = .seconds(10)
        /// Plaintext held for the handshake at which writes start answering `.backPressure`.
        public var handshakeHighWaterMark = 256 * 1024
        /// The engine's own cap on held bytes; a write past it closes with `.writeQueueOverflow`.
        public var engineLimits = TLSEngine.Limits()
        public init() {}
    }

    enum State {
        case handshaking
        case open
        /// Closing was asked for (locally or after the peer's close_notify): no more writes or input;
        /// the upper handler hears the close when the transport reports it.
        case closing
        /// The upper handler has been told (or is about to be).
        case closed
    }

    /// RFC 8446 §5.2: a record holds at most 2^14 bytes, so ciphertext leaves the engine in pieces of
    /// about one record, through a buffer on the stack.
    static let ciphertextPieceBytes = 1 << 14
    /// Plaintext handed to the engine per `send`, so the engine's outbound buffer stays far below its
    /// limit (the ciphertext is moved to the transport between pieces).
    static let plaintextPieceBytes = 64 * 1024

    /// The stream carrying the ciphertext.
    public let transport: any Connection
    public let options: Options
    /// Receives the plaintext; told `connectionActive()` after the handshake.
    public var handler: (any ConnectionHandler)?

    let engine: TLSEngine
    var state = State.handshaking
    var handshakeTimer: TimerHandle?
    /// A write answered `.backPressure`: pass the next `connectionWritable()` up.
    var upperAwaitsWritable = false
    var outputShutdownRequested = false
    /// Why we are closing, reported instead of the transport's own reason.
    var closeReason: CloseReason?

    init(transport: any Connection, engine: TLSEngine, options: Options) {
        self.transport = transport
        self.engine = engine
        self.options = options
    }

    public var loop: EventLoop { transport.loop }
    public var isOpen: Bool { state == .handshaking || state == .open }
    public var remoteAddress: SocketAddress? { transport.remoteAddress }
    public var localAddress: SocketAddress? { transport.localAddress }
    /// True once the handshake has completed (and until the connection closes).
    public var isHandshakeComplete: Bool { state == .open }
    /// The ALPN protocol agreed on, once the handshake is complete.
    public var negotiatedALPN: String? { engine.negotiatedALPN }
    /// The negotiated protocol version, e.g. "TLSv1.3".
    public var negotiatedVersion: String { engine.negotiatedVersion }
    /// Server side: the host name the client sent with SNI.
    public var requestedServerName: String? { engine.requestedServerName }

    public var isWritable: Bool {
        switch state {
        case .open: transport.isWritable
        case .handshaking: transport.isWritable && engine.bufferedOutboundBytes < options.handshakeHighWaterMark
        case .closing, .closed: false
        }
    }

    /// Encrypts `bytes` and writes the ciphertext to the transport (held until the handshake is done).
    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer) -> WriteStatus {
        loop.preconditionInEventLoop()
        guard isOpen, !outputShutdownRequested else { return .closed }
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + Self.plaintextPieceBytes)
            do throws(TLSError) {
                try engine.send(plaintext: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            } catch {
                if case .bufferLimitExceeded = error { finish(.writeQueueOverflow, mode: .immediately) } else { fail(error) }
                return .closed
            }
            offset = end
            if state == .open, !flushCiphertext() { return .closed }
        }
        guard transport.isOpen else { return .closed }
        if isWritable { return .accepted }
        upperAwaitsWritable = true
        return .backPressure
    }

    /// Sends close_notify (after the handshake, if it is still running) and half-closes the transport.
    public func shutdownOutput() {
        loop.preconditionInEventLoop()
        guard isOpen, !outputShutdownRequested else { return }
        outputShutdownRequested = true
        if state == .open { sendCloseNotifyAndShutdown() }
    }

    /// `.afterFlush`: close_notify, then the transport flushes and closes. `.immediately`: the transport
    /// closes now. Plaintext still held for an unfinished handshake is dropped either way.
    public func close(_ mode: CloseMode) {
        loop.preconditionInEventLoop()
        guard isOpen else { return }
        if mode == .afterFlush, state == .open {
            engine.close()
            flushCiphertext()
        } else {
            engine.close()
        }
        state = .closing
        cancelHandshakeTimer()
        closeReason = .local
        transport.close(mode)
    }

    public func pauseReading() {
        loop.preconditionInEventLoop()
        transport.pauseReading()
    }

    public func resumeReading() {
        loop.preconditionInEventLoop()
        transport.resumeReading()
    }

    func sendCloseNotifyAndShutdown() {
        engine.close()
        if flushCiphertext() { transport.shutdownOutput() }
    }
}
