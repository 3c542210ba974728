import Wire

/// Where a client connection stands.
enum WebSocketClientPhase: Equatable {
    /// TCP connect, then the TLS handshake if any.
    case connecting
    /// Upgrade request sent, waiting for the 101.
    case upgrading
    case open
    /// We sent a close frame and wait for the server's.
    case closing
    /// Ended: the caller has been (or is being) told why.
    case closed
}

/// The loop side of one WebSocket client connection: the handler of its TCP (or TLS) connection. It
/// sends the upgrade request, checks the 101, then turns bytes into messages (answering pings, sending
/// keep-alive pings, running the close handshake) and messages into masked frames. Every method runs
/// on `loop`'s thread; `WebSocketClientConnection` is its public face.
// @unchecked Sendable: all mutable state is touched only on `loop`'s thread; other threads reach it through loop jobs.
final class WebSocketClientSession: ConnectionHandler, @unchecked Sendable {
    typealias ConnectWaiter = CheckedContinuation<Result<WebSocketClientConnection, WebSocketClientError>, Never>

    /// A frame buffer grown past this by a large message is released after the send, so one big
    /// message does not pin its size for the connection's life.
    static let retainedFrameBufferBytes = 64 * 1024

    let loop: EventLoop
    let options: WebSocketClientOptions
    let request: [UInt8]
    let key: String
    let offeredSubprotocols: [String]
    let makeDelegate: WebSocketClientDelegateFactory?

    var transport: (any Connection)?
    var phase = WebSocketClientPhase.connecting
    var responseParser = HTTPResponseParser(limits: .client)
    var rejection: (head: HTTPResponseHead, body: [UInt8])?
    var assembler: WebSocketMessageAssembler
    var masking = MaskingKeySource()
    var frameBuffer: [UInt8] = []

    var connectWaiter: ConnectWaiter?
    var delegate: (any WebSocketClientDelegate)?
    var channel: WebSocketMessageChannel?
    var writableWaiters: [CheckedContinuation<Void, Never>] = []
    var endWaiters: [CheckedContinuation<Void, Never>] = []

    var upgradeTimer: TimerHandle?
    var keepAliveTimer: TimerHandle?
    var closeTimer: TimerHandle?
    /// Loop time of the last byte received, and of the keep-alive ping still unanswered.
    var lastReceived: UInt64 = 0
    var pingSentAt: UInt64?
    /// Stream mode: the consumer is behind, reading is paused.
    var pausedForConsumer = false
    /// Times reading was paused for a slow consumer (diagnostics and tests).
    var consumerPauses = 0
    var delegateAwaitsWritable = false
    var sentClose = false
    var localCloseRequested = false
    /// How the connection ended (nil: cleanly), once `phase == .closed`.
    var outcome: WebSocketClientError?

    init(loop: EventLoop, options: WebSocketClientOptions, request: [UInt8], key: String,
         offeredSubprotocols: [String], makeDelegate: WebSocketClientDelegateFactory?) {
        self.loop = loop
        self.options = options
        self.request = request
        self.key = key
        self.offeredSubprotocols = offeredSubprotocols
        self.makeDelegate = makeDelegate
        assembler = WebSocketMessageAssembler(role: .client, maxFramePayloadBytes: options.maxMessageBytes,
                                              maxMessageBytes: options.maxMessageBytes)
    }

    // MARK: Transport events

    func connectionActive() {
        guard phase == .connecting, let transport else { return }
        phase = .upgrading
        upgradeTimer = loop.scheduleLocalTimer(after: options.handshakeTimeout) { [weak self] in
            self?.abort(.timeout(.upgrade))
        }
        transport.write(request)
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        switch phase {
        case .upgrading:
            responseParser.append(bytes)
            readUpgradeResponse()
        case .open, .closing:
            lastReceived = loop.now
            assembler.append(bytes)
            processMessages()
        case .connecting, .closed:
            break
        }
    }

    func connectionInputEnded() {
        guard phase == .upgrading else { return }
        responseParser.finishInput()
        readUpgradeResponse()
    }

    func connectionWritable() {
        resumeWritableWaiters()
        if delegateAwaitsWritable, phase == .open {
            delegateAwaitsWritable = false
            delegate?.webSocketWritable()
        }
    }

    func connectionClosed(_ reason: CloseReason) {
        transport = nil
        guard phase != .closed else { return }
        if let rejection {
            end(rejectedError(rejection))
        } else if localCloseRequested {
            end(nil)
        } else {
            end(.from(transportClose: reason, phase: phase))
        }
    }

    // MARK: Ending

    /// Fails the connection now (timeouts, cancellation): the caller hears `error`, the socket closes
    /// without waiting for anything.
    func abort(_ error: WebSocketClientError) {
        guard phase != .closed else { return }
        end(error)
        transport?.close(.immediately)
    }

    /// The one place the connection ends: timers stop, the connect call, the stream or the delegate
    /// learn the outcome, waiters resume. The delegate hears it on a later job, never re-entrantly.
    func end(_ error: WebSocketClientError?) {
        guard phase != .closed else { return }
        phase = .closed
        outcome = error
        for timer in [upgradeTimer, keepAliveTimer, closeTimer] { timer?.cancel() }
        upgradeTimer = nil
        keepAliveTimer = nil
        closeTimer = nil
        connectWaiter?.resume(returning: .failure(error ?? .cancelled))
        connectWaiter = nil
        channel?.finish(error)
        if let delegate {
            self.delegate = nil
            loop.executeLocal { delegate.webSocketClosed(error) }
        }
        resumeWritableWaiters()
        let waiters = endWaiters
        endWaiters = []
        waiters.forEach { $0.resume() }
    }

    func resumeWritableWaiters() {
        guard !writableWaiters.isEmpty else { return }
        let waiters = writableWaiters
        writableWaiters = []
        waiters.forEach { $0.resume() }
    }
}
