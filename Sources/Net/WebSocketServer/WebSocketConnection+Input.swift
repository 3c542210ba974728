import Wire

extension WebSocketConnection {
    /// Tells the handler the session is open, then handles bytes that followed the upgrade request.
    func start(withBytesAfterUpgrade bytes: [UInt8]) {
        handler?.opened(self)
        guard !bytes.isEmpty, state != .closed else { return }
        bytes.withUnsafeBytes { received($0) }
    }

    /// Bytes from the connection: whole messages go to the handler, pings are answered, a close
    /// frame ends the session, a protocol error fails it.
    func received(_ bytes: UnsafeRawBufferPointer) {
        guard state != .closed else { return }
        assembler.append(bytes)
        while state != .closed {
            let message: WebSocketMessage?
            do {
                message = try assembler.nextMessage()
            } catch {
                fail(error)
                return
            }
            guard let message else { return }
            switch message {
            case .text, .binary, .pong:
                if state == .open { handler?.received(message, on: self) }
            case .ping(let payload):
                if state == .open { _ = payload.withUnsafeBytes { sendFrame(.pong, $0) } }
            case .close(let code, let reason):
                peerClosed(code: code, reason: reason)
                return
            }
        }
    }

    /// RFC 6455 §5.5.1: answer a close with a close (echoing its code, or an empty close for an
    /// empty one), then the server closes the TCP connection first (§7.1.1).
    private func peerClosed(code: WebSocketCloseCode?, reason: String) {
        switch state {
        case .open:
            writeClose(code: code, reason: "")
            end(code: code ?? .noStatusReceived, reason: reason)
        case .closeSent:
            let sent = sentClose ?? (.normalClosure, "")
            end(code: sent.code, reason: sent.reason)
        case .closed:
            return
        }
        connection.close(.afterFlush)
    }

    /// RFC 6455 §7.1.7: fail the connection — a close frame with the error's code, then close.
    private func fail(_ error: WebSocketError) {
        if state == .open { writeClose(code: error.closeCode, reason: error.closeReason) }
        let code = state == .closeSent ? (sentClose?.code ?? error.closeCode) : error.closeCode
        end(code: code, reason: error.closeReason)
        connection.close(.afterFlush)
    }

    func closeHandshakeTimedOut() {
        closeTimer = nil
        guard state == .closeSent else { return }
        let sent = sentClose ?? (.normalClosure, "")
        end(code: sent.code, reason: sent.reason)
        connection.close(.afterFlush)
    }

    /// The server is shutting down and the drain deadline passed: close with 1001.
    func goingAway() {
        close(code: .goingAway, reason: "server shutting down")
    }

    /// The TCP (or TLS) connection closed: a session not yet ended was lost abnormally (1006).
    func transportClosed() {
        end(code: .abnormalClosure, reason: "")
    }

    /// The one place the session ends: timers stop, the handler hears `closed` once and is released.
    private func end(code: WebSocketCloseCode, reason: String) {
        guard state != .closed else { return }
        state = .closed
        closeTimer?.cancel()
        closeTimer = nil
        let handler = self.handler
        self.handler = nil
        onEnded?(code)
        onEnded = nil
        handler?.closed(code: code, reason: reason)
    }
}

extension WebSocketError {
    /// A short close reason naming the fault (fits the 123-byte limit).
    var closeReason: String {
        switch kind {
        case .messageTooLarge, .frameTooLarge: "message too big"
        case .invalidUTF8: "invalid UTF-8"
        case .unmaskedClientFrame: "client frames must be masked"
        default: "protocol error: \(kind)"
        }
    }
}
