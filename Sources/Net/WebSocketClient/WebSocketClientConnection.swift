import Wire

/// An open WebSocket client connection (after a successful `WebSocketClient.connect`), e.g. a provider
/// stream to Deepgram, ElevenLabs or Cartesia. Two ways to use it:
///
/// - From the loop thread (a handler, or an actor pinned to `loop`): `sendOnLoop`, `pingOnLoop`,
///   `closeOnLoop`, with messages arriving through the `WebSocketClientDelegate` given to `connect`.
///   Sends answer `.backPressure` above the transport's high-water mark (stop until `webSocketWritable`);
///   a sender that ignores it is cut off at the transport's hard limit (`connectionLost(.writeQueueOverflow)`).
/// - From any task: `send(_:)` (waits while the connection is back-pressured), `close(code:reason:)`
///   (waits for the close handshake), and `messages`, a bounded async sequence (when no delegate was given).
///
/// Dropping the last reference closes the connection (1001 going away): a forgotten provider stream
/// never keeps its socket and keep-alive pings alive.
public final class WebSocketClientConnection: Sendable {
    let session: WebSocketClientSession
    /// Stream mode's buffer (nil in delegate mode).
    let channel: WebSocketMessageChannel?
    /// The loop that owns the socket; the `...OnLoop` methods must run on it.
    public let loop: EventLoop
    /// The subprotocol the server chose from those offered, if any.
    public let subprotocol: String?
    /// The 101 response's headers (e.g. a provider's request id).
    public let responseHeaders: HTTPHeaders

    init(session: WebSocketClientSession, channel: WebSocketMessageChannel?, subprotocol: String?, responseHeaders: HTTPHeaders) {
        self.session = session
        self.channel = channel
        self.loop = session.loop
        self.subprotocol = subprotocol
        self.responseHeaders = responseHeaders
    }

    deinit {
        let session = self.session
        loop.execute { session.close(code: .goingAway, reason: "") }
    }

    /// The server's messages in order (stream mode: no delegate was given to `connect`). Ends with nil
    /// after a clean close (ours, or the server's 1000), throws the reason otherwise; ends at once in
    /// delegate mode. One consumer at a time; cancelling it ends its iteration without closing.
    public var messages: WebSocketClientMessages { WebSocketClientMessages(connection: self) }

    // MARK: Loop thread

    /// Sends a text message in one masked frame. Loop thread only.
    @discardableResult
    public func sendOnLoop(text: String) -> WriteStatus {
        loop.preconditionInEventLoop()
        return session.send(text: text)
    }

    /// Sends a binary message in one masked frame. Loop thread only.
    @discardableResult
    public func sendOnLoop(binary: UnsafeRawBufferPointer) -> WriteStatus {
        loop.preconditionInEventLoop()
        return session.send(binary: binary)
    }

    @discardableResult
    public func sendOnLoop(_ message: WebSocketClientMessage) -> WriteStatus {
        loop.preconditionInEventLoop()
        return session.send(message)
    }

    /// Sends a ping (payload cut to 125 bytes). Keep-alive pings are sent by the connection itself.
    @discardableResult
    public func pingOnLoop(_ payload: [UInt8] = []) -> WriteStatus {
        loop.preconditionInEventLoop()
        return session.sendPing(payload)
    }

    /// Starts the close handshake; the delegate (or the message stream) hears the end. Loop thread only.
    public func closeOnLoop(code: WebSocketCloseCode = .normalClosure, reason: String = "") {
        loop.preconditionInEventLoop()
        session.close(code: code, reason: reason)
    }

    /// True while messages can be sent and the transport is below its high-water mark. Loop thread only.
    public var isWritableOnLoop: Bool {
        loop.preconditionInEventLoop()
        return session.isWritable
    }

    // MARK: Any task

    /// Sends `message`, then waits while the connection is back-pressured; throws if it is closed.
    public func send(_ message: WebSocketClientMessage) async throws(WebSocketClientError) {
        let session = self.session
        let status = await onLoop(orElse: .closed) { session.send(message) }
        switch status {
        case .accepted: return
        case .backPressure: await waitUntilWritable()
        case .closed: throw await onLoop(orElse: .cancelled) { session.outcome ?? .closed }
        }
    }

    public func send(text: String) async throws(WebSocketClientError) { try await send(.text(text)) }
    public func send(binary: [UInt8]) async throws(WebSocketClientError) { try await send(.binary(binary)) }

    /// Closes with `code` and `reason` and waits until the connection has ended (the server answered,
    /// `closeTimeout` passed, or it had ended already).
    public func close(code: WebSocketCloseCode = .normalClosure, reason: String = "") async {
        let session = self.session
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            runOnLoop({ continuation.resume() }) {
                session.close(code: code, reason: reason)
                if session.phase == .closed { continuation.resume() } else { session.endWaiters.append(continuation) }
            }
        }
    }

    /// How the connection ended (nil: cleanly), once it has; waits until then.
    public func closed() async -> WebSocketClientError? {
        let session = self.session
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            runOnLoop({ continuation.resume() }) {
                if session.phase == .closed { continuation.resume() } else { session.endWaiters.append(continuation) }
            }
        }
        return await onLoop(orElse: .cancelled) { session.outcome }
    }

    private func waitUntilWritable() async {
        let session = self.session
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            runOnLoop({ continuation.resume() }) {
                if session.isWritable || session.phase != .open { continuation.resume() } else { session.writableWaiters.append(continuation) }
            }
        }
    }

    /// Runs `body` on the loop: at once when already there (an actor pinned to the loop), else as a job.
    private func onLoop<T: Sendable>(orElse fallback: T, _ body: @escaping @Sendable () -> T) async -> T {
        if loop.inEventLoop { return body() }
        return await withCheckedContinuation { continuation in
            runOnLoop({ continuation.resume(returning: fallback) }) { continuation.resume(returning: body()) }
        }
    }

    /// Runs `body` on the loop now or as a job; `ifStopped` if the loop no longer runs jobs.
    private func runOnLoop(_ ifStopped: @escaping @Sendable () -> Void, _ body: @escaping @Sendable () -> Void) {
        if loop.inEventLoop {
            body()
        } else if !loop.enqueueRemote(.closure(body)) {
            ifStopped()
        }
    }
}

/// The messages of a `WebSocketClientConnection` in stream mode, as an async sequence. Holds the
/// connection (so iterating keeps it open) and at most `maxBufferedMessages` messages.
public struct WebSocketClientMessages: AsyncSequence, Sendable {
    public typealias Element = WebSocketClientMessage
    public typealias Failure = WebSocketClientError
    let connection: WebSocketClientConnection

    public func makeAsyncIterator() -> Iterator { Iterator(connection: connection) }

    /// Takes the next message (one hop from the loop per message).
    public struct Iterator: AsyncIteratorProtocol {
        public typealias Element = WebSocketClientMessage
        public typealias Failure = WebSocketClientError
        let connection: WebSocketClientConnection

        public mutating func next() async throws(WebSocketClientError) -> WebSocketClientMessage? {
            guard let channel = connection.channel else { return nil }
            return try await channel.next()
        }
    }
}
