import Wire

extension HTTPServerConnection {
    /// Serializes and writes one final response. `head` is the request it answers (nil for an
    /// unparsable one). The connection stays open only if the request allows it (RFC 9112 §9.3),
    /// the server is not draining and `forceClose` is false; otherwise `Connection: close` is sent
    /// and the connection closes once the response is flushed.
    func respond(_ response: HTTPServerResponse, to head: HTTPRequestHead?, route: String, forceClose: Bool = false) {
        let keepAlive = !forceClose && !loopState.isDraining && (head?.keepAlive ?? false)
        var responseHead = HTTPResponseHead(status: response.status, headers: response.headers)
        if !keepAlive {
            responseHead.headers.replaceOrAdd(name: "Connection", value: "close")
        } else if let head, !head.version.isAtLeastHTTP11 {
            responseHead.headers.replaceOrAdd(name: "Connection", value: "keep-alive")
        }
        addServerFields(to: &responseHead.headers)
        let omitsBody = head?.method == "HEAD"
        let framing: HTTPBodyFraming = Self.statusForbidsBody(response.status) ? .none : .contentLength(response.body.count)
        output.removeAll(keepingCapacity: true)
        do {
            try HTTPSerializer.appendResponseHead(responseHead, framing: framing, to: &output)
            if !omitsBody, framing != .none { output.append(contentsOf: response.body) }
        } catch {
            // The handler produced a field that would split the message: answer 500 instead.
            output.removeAll(keepingCapacity: true)
            output.append(contentsOf: Self.internalErrorResponse)
            loopState.countRequest(route: route, status: 500, metrics: context.metrics)
            finishResponse(keepAlive: false)
            return
        }
        loopState.countRequest(route: route, status: response.status, metrics: context.metrics)
        finishResponse(keepAlive: keepAlive)
    }

    private func finishResponse(keepAlive: Bool) {
        _ = output.withUnsafeBytes { connection.write($0) }
        if output.capacity > WebSocketConnection.retainedBufferBytes { output = [] }
        if !keepAlive { closeGracefully() }
    }

    /// Stops HTTP processing and closes after the queued output is sent (Net's graceful close reads
    /// and discards until the peer's FIN, so the response is never destroyed by an RST).
    func closeGracefully() {
        mode = .closing
        enter(.none)
        connection.close(.afterFlush)
    }

    func addServerFields(to headers: inout HTTPHeaders) {
        if let name = context.configuration.serverName { headers.add(name: "Server", value: name) }
        if context.configuration.sendsDateHeader { headers.add(name: "Date", value: loopState.httpDate()) }
    }

    /// RFC 9110 §6.4.1: 1xx, 204 and 304 responses have no content (and 204 no Content-Length).
    static func statusForbidsBody(_ status: Int) -> Bool {
        (100..<200).contains(status) || status == 204 || status == 304
    }

    static let internalErrorResponse = Array("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
}
