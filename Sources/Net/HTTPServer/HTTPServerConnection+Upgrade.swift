import Wire

extension HTTPServerConnection {
    /// A request for a WebSocket endpoint: refuse an invalid handshake with its status (400, 405,
    /// 426), refuse while draining (503) or when the route declines (403); otherwise answer 101 and
    /// hand the connection, with any bytes that followed the request, to a `WebSocketConnection`.
    func upgrade(_ head: HTTPRequestHead, decide: WebSocketRouteHandler, label: String) {
        let request: WebSocketUpgradeRequest
        do {
            request = try WebSocketHandshake.validateUpgrade(head)
        } catch {
            let refusal = WebSocketHandshake.rejectionResponse(for: error)
            var response = HTTPServerResponse.status(refusal.status)
            for field in refusal.headers { response.headers.replaceOrAdd(name: field.name, value: field.value) }
            respond(response, to: head, route: label, forceClose: true)
            return
        }
        guard !loopState.isDraining else {
            respond(.status(503), to: head, route: label, forceClose: true)
            return
        }
        let upgrade = WebSocketUpgrade(head: head, request: request, remoteAddress: connection.remoteAddress, loop: loop)
        guard let handler = decide(upgrade) else {
            respond(.status(403), to: head, route: label, forceClose: true)
            return
        }
        var fields = HTTPHeaders()
        addServerFields(to: &fields)
        let accept = WebSocketHandshake.acceptResponse(for: request, subprotocol: handler.subprotocol, headers: fields)
        output.removeAll(keepingCapacity: true)
        do {
            try HTTPSerializer.appendResponseHead(accept, framing: .none, to: &output)
        } catch {
            respond(.status(500), to: head, route: label, forceClose: true)
            return
        }
        loopState.countRequest(route: label, status: 101, metrics: context.metrics)
        _ = output.withUnsafeBytes { connection.write($0) }
        output = []

        let session = WebSocketConnection(connection: connection, path: String(head.path), handler: handler,
                                          options: context.configuration.webSocket)
        let metrics = context.metrics
        metrics.webSocketsOpen.increment()
        session.onEnded = { code in metrics.webSocketEnded(code: code) }
        mode = .webSocket(session)
        enter(.none)
        let rest = parser.takeUnparsedBytes()
        parser = HTTPRequestParser(limits: HTTPParserLimits(maxBodyBytes: 0))
        session.start(withBytesAfterUpgrade: rest)
    }

    /// The server started draining: an idle connection closes now; one mid-request answers it with
    /// `Connection: close`; a WebSocket session goes on until the drain deadline.
    func beginDraining() {
        guard case .http = mode else { return }
        if request == nil, !requestStarted { closeGracefully() }
    }

    /// The drain deadline passed: WebSocket sessions close with 1001, anything else closes.
    func closeForShutdown() {
        switch mode {
        case .webSocket(let session): session.goingAway()
        case .http: closeGracefully()
        case .closing: return
        }
    }
}
