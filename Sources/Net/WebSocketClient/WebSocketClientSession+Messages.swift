import Wire

/// The open session: frames in (messages delivered, pings answered, the close handshake), masked
/// frames out.
extension WebSocketClientSession {
    /// Takes complete messages from the assembler until it needs more bytes, the consumer is behind,
    /// or the session ends.
    func processMessages() {
        while !pausedForConsumer, phase == .open || phase == .closing {
            let message: WebSocketMessage?
            do throws(WebSocketError) {
                message = try assembler.nextMessage()
            } catch {
                protocolFailure(error)
                return
            }
            guard let message else { return }
            switch message {
            case .text(let text): deliver(.text(text))
            case .binary(let bytes): deliver(.binary(bytes))
            case .ping(let payload): if !sentClose { writeFrame(.pong, payload: payload) }
            case .pong: pingSentAt = nil
            case .close(let code, let reason): peerClosed(code: code, reason: reason)
            }
        }
    }

    /// Data after our own close frame is dropped: the caller asked to stop.
    private func deliver(_ message: WebSocketClientMessage) {
        guard phase == .open else { return }
        if let delegate {
            delegate.webSocketReceived(message)
        } else if let channel, !channel.push(message) {
            pausedForConsumer = true
            consumerPauses += 1
            transport?.pauseReading()
        }
    }

    /// Stream mode: the consumer took half of what was waiting; read again.
    func consumerDrained() {
        guard pausedForConsumer, phase == .open || phase == .closing else { return }
        pausedForConsumer = false
        lastReceived = loop.now
        transport?.resumeReading()
        processMessages()
    }

    /// The server's close frame: answered (echoing its code) unless it answers ours; ends the session.
    /// Clean if we started the close or the server closed with 1000.
    private func peerClosed(code: WebSocketCloseCode?, reason: String) {
        if !sentClose {
            sentClose = true
            frameBuffer.removeAll(keepingCapacity: true)
            WebSocketFrameEncoder.appendClose(code: code, maskingKey: masking.nextKey(), to: &frameBuffer)
            transport?.write(frameBuffer)
        }
        end(localCloseRequested || code == .normalClosure ? nil : .closedByPeer(code: code, reason: reason))
        transport?.close(.afterFlush)
    }

    /// The server broke the protocol (or a message was too big): close with the error's code.
    private func protocolFailure(_ error: WebSocketError) {
        if !sentClose {
            sentClose = true
            frameBuffer.removeAll(keepingCapacity: true)
            WebSocketFrameEncoder.appendClose(code: error.closeCode, reason: "\(error.kind)", maskingKey: masking.nextKey(), to: &frameBuffer)
            transport?.write(frameBuffer)
        }
        end(.protocolError(code: error.closeCode, detail: error.description))
        transport?.close(.afterFlush)
    }

    // MARK: Sending

    func send(_ message: WebSocketClientMessage) -> WriteStatus {
        switch message {
        case .text(let text): send(text: text)
        case .binary(let bytes): bytes.withUnsafeBytes { send(binary: $0) }
        }
    }

    func send(text: String) -> WriteStatus {
        var text = text
        return text.withUTF8 { writeFrame(.text, payload: UnsafeRawBufferPointer($0)) }
    }

    func send(binary: UnsafeRawBufferPointer) -> WriteStatus {
        writeFrame(.binary, payload: binary)
    }

    /// A ping the server must answer; its pong (or any byte) proves the connection alive.
    func sendPing(_ payload: [UInt8]) -> WriteStatus {
        payload.withUnsafeBytes { writeFrame(.ping, payload: UnsafeRawBufferPointer(rebasing: $0.prefix(WebSocketFrameDecoder.maxControlPayloadBytes))) }
    }

    /// Writes one masked frame (a fresh key each, RFC 6455 §5.3) through the connection's reusable buffer.
    @discardableResult
    func writeFrame(_ opcode: WebSocketOpcode, payload: UnsafeRawBufferPointer) -> WriteStatus {
        guard phase == .open || (phase == .closing && opcode.isControl), !sentClose, let transport else { return .closed }
        frameBuffer.removeAll(keepingCapacity: true)
        WebSocketFrameEncoder.appendFrame(opcode: opcode, payload: payload, maskingKey: masking.nextKey(), to: &frameBuffer)
        let status = frameBuffer.withUnsafeBytes { transport.write($0) }
        if frameBuffer.capacity > Self.retainedFrameBufferBytes { frameBuffer = [] }
        if status == .backPressure, !opcode.isControl { delegateAwaitsWritable = true }
        return status
    }

    @discardableResult
    func writeFrame(_ opcode: WebSocketOpcode, payload: [UInt8]) -> WriteStatus {
        payload.withUnsafeBytes { writeFrame(opcode, payload: $0) }
    }

    var isWritable: Bool { phase == .open && transport?.isWritable == true }

    // MARK: Closing

    /// Starts the close handshake (RFC 6455 §7.1.2): our close frame, then the server's answer within
    /// `closeTimeout`. Before the upgrade completed it abandons the connection (`cancelled`).
    func close(code: WebSocketCloseCode, reason: String) {
        switch phase {
        case .connecting, .upgrading:
            abort(.cancelled)
        case .open:
            localCloseRequested = true
            sentClose = true
            phase = .closing
            frameBuffer.removeAll(keepingCapacity: true)
            WebSocketFrameEncoder.appendClose(code: code, reason: reason, maskingKey: masking.nextKey(), to: &frameBuffer)
            transport?.write(frameBuffer)
            closeTimer = loop.scheduleLocalTimer(after: options.closeTimeout) { [weak self] in
                self?.abort(.timeout(.closeHandshake))
            }
            if pausedForConsumer { consumerDrained() }  // the server's close frame must be read
        case .closing, .closed:
            break
        }
    }
}
