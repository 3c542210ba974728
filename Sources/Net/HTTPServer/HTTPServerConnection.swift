import Wire

/// The HTTP/1.1 server side of one accepted connection (plain TCP or a TLS layer's `Connection`):
/// feeds the bytes to an `HTTPRequestParser`, answers each request through the router in order
/// (keep-alive and pipelining, HTTP/1.0, `Expect: 100-continue`), refuses unparsable requests with
/// the parser's status and closes, enforces the head, body and keep-alive deadlines, and after a
/// WebSocket upgrade hands every byte to the `WebSocketConnection`. Loop thread only.
final class HTTPServerConnection: ConnectionHandler {
    enum Mode {
        case http
        case webSocket(WebSocketConnection)
        /// A final response is queued (or the connection is going); input is ignored.
        case closing
    }

    /// Where the connection is in its request cycle; each phase has its own deadline.
    enum Phase {
        /// Between requests on a kept-alive connection: `keepAliveTimeout`.
        case awaitingRequest
        /// A request's head is incomplete (a new connection starts here): `requestHeadTimeout`.
        case readingHead
        /// The head arrived, the body has not: `requestBodyTimeout`.
        case readingBody
        /// Upgraded or closing: no HTTP deadline.
        case none
    }

    /// The request being read.
    struct PendingRequest {
        var head: HTTPRequestHead
        var route: HTTPRouteResolution
        var body: [UInt8] = []
    }

    let connection: any Connection
    let loop: EventLoop
    let context: HTTPServerContext
    let loopState: HTTPServerLoopState
    var parser: HTTPRequestParser
    var mode = Mode.http
    var phase = Phase.none
    var request: PendingRequest?
    /// Bytes of a request not yet complete have arrived (the parser may already have consumed
    /// whole lines of its head, so its buffer alone does not say).
    var requestStarted = false
    /// Response bytes, reused across responses.
    var output: [UInt8] = []
    var deadline: UInt64 = .max
    var timer: TimerHandle?

    init(connection: any Connection, context: HTTPServerContext, loopState: HTTPServerLoopState) {
        self.connection = connection
        self.loop = connection.loop
        self.context = context
        self.loopState = loopState
        parser = HTTPRequestParser(limits: context.configuration.parserLimits)
        loopState.register(self)
        context.connectionOpened()
        enter(.readingHead)
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        switch mode {
        case .webSocket(let session):
            session.received(bytes)
        case .closing:
            return
        case .http:
            parser.append(bytes)
            requestStarted = true
            if phase == .awaitingRequest { enter(.readingHead) }
            processInput()
        }
    }

    func connectionInputEnded() {
        guard case .http = mode else { return }
        parser.finishInput()
        processInput()
    }

    func connectionWritable() {
        switch mode {
        case .http: processInput()
        case .webSocket(let session): session.handler?.writable(session)
        case .closing: return
        }
    }

    /// Bookkeeping first (count, registry), then the WebSocket handler hears of it: whoever
    /// observes `closed` also sees the connection counted out and its descriptor closed.
    func connectionClosed(_ reason: CloseReason) {
        timer?.cancel()
        timer = nil
        phase = .none
        loopState.unregister(self)
        context.connectionClosed()
        if case .webSocket(let session) = mode { session.transportClosed() }
        mode = .closing
    }

    /// Turns buffered bytes into requests and answers them in order; stops while the connection is
    /// back-pressured (resumed by `connectionWritable`), so pipelined requests cannot pile up output.
    func processInput() {
        while case .http = mode, connection.isWritable {
            let event: HTTPRequestParser.Event?
            do {
                event = try parser.nextEvent()
            } catch {
                refuse(error)
                return
            }
            guard let event else { break }
            switch event {
            case .head(let head): begin(head)
            case .body(let bytes): request?.body.append(contentsOf: bytes)
            case .end: finishRequest()
            }
        }
        if case .http = mode, request == nil {
            enter(requestStarted ? .readingHead : .awaitingRequest)
        }
    }

    private func begin(_ head: HTTPRequestHead) {
        let route = context.router.resolve(method: head.method, path: head.path)
        request = PendingRequest(head: head, route: route)
        enter(.readingBody)
        if let expectation = head.headers["expect"] { handleExpectation(expectation, head: head, route: route) }
    }

    /// RFC 9110 §10.1.1: `100-continue` gets `100 Continue` when the request will be served; a
    /// request that will be refused gets its final answer now and the connection closes (the client
    /// may never send the body). Any other expectation: 417. HTTP/1.0 requests' `Expect` is ignored.
    private func handleExpectation(_ value: String, head: HTTPRequestHead, route: HTTPRouteResolution) {
        guard head.version.isAtLeastHTTP11 else { return }
        guard value.lowercased() == "100-continue" else {
            respond(.status(417), to: head, route: route.metricsLabel, forceClose: true)
            return
        }
        switch route {
        case .handler:
            _ = Self.continueResponse.withUnsafeBytes { connection.write($0) }
        case .webSocket, .methodNotAllowed, .notFound:
            respond(Self.answer(for: route), to: head, route: route.metricsLabel, forceClose: true)
        }
    }

    /// `HTTP/1.1 100 Continue`, an interim response with no fields.
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private func finishRequest() {
        guard let pending = request else { return }
        request = nil
        // At `.end` the parser has not touched the next request's bytes yet.
        requestStarted = parser.bufferedByteCount > 0
        if case .webSocket(let decide, let label) = pending.route {
            upgrade(pending.head, decide: decide, label: label)
            return
        }
        if parser.isPausedForUpgrade { parser.resumeAfterDeclinedUpgrade() }
        let response: HTTPServerResponse
        if case .handler(let handler, _) = pending.route {
            response = handler(HTTPServerRequest(head: pending.head, body: pending.body, remoteAddress: connection.remoteAddress))
        } else {
            response = Self.answer(for: pending.route)
        }
        respond(response, to: pending.head, route: pending.route.metricsLabel)
    }

    /// The answer for a request no handler serves.
    static func answer(for route: HTTPRouteResolution) -> HTTPServerResponse {
        switch route {
        case .methodNotAllowed(let allow, _): .status(405, headers: ["Allow": allow])
        case .webSocket: .status(400)
        case .notFound, .handler: .status(404)
        }
    }

    /// Parse failure: answer the parser's status (400, 413, 414, 431, 501, 505) and close.
    private func refuse(_ error: HTTPParseError) {
        respond(.status(error.status), to: nil, route: HTTPServerMetrics.invalidRequestRoute, forceClose: true)
    }
}
