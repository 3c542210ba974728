/// The transport's events: ciphertext in, the handshake's progress, end of stream and close.
extension TLSConnection: ConnectionHandler {
    public func connectionActive() {
        guard state == .handshaking else { return }
        handshakeTimer = loop.scheduleLocalTimer(after: options.handshakeTimeout) { [weak self] in
            self?.finish(.handshakeTimeout, mode: .immediately)
        }
        guard engine.isClient else { return }
        do throws(TLSError) {
            try engine.startHandshake()
        } catch {
            fail(error)
            return
        }
        flushCiphertext()
    }

    public func connectionReceived(_ ciphertext: UnsafeRawBufferPointer) {
        guard isOpen else { return }  // closing: the transport discards what still arrives
        let wasHandshaking = state == .handshaking
        let plaintext: [UInt8]
        do throws(TLSError) {
            plaintext = try engine.receive(ciphertext: ciphertext)
        } catch {
            fail(error)
            return
        }
        guard flushCiphertext() else { return }
        if wasHandshaking, engine.state != .handshaking {
            handshakeCompleted()
        }
        guard state == .open else { return }
        if !plaintext.isEmpty {
            plaintext.withUnsafeBytes { handler?.connectionReceived($0) }
        }
        if state == .open, engine.peerSentCloseNotify { peerSentCloseNotify() }
    }

    /// End of the transport's stream: clean only after a close_notify (ours or the peer's).
    public func connectionInputEnded() {
        guard isOpen else { return }
        do throws(TLSError) {
            try engine.transportClosed()
        } catch {
            fail(error)
            return
        }
        handler?.connectionInputEnded()
    }

    public func connectionWritable() {
        guard state == .open, upperAwaitsWritable, isWritable else { return }
        upperAwaitsWritable = false
        handler?.connectionWritable()
    }

    public func connectionClosed(_ reason: CloseReason) {
        report(closeReason ?? reason)
    }

    // MARK: Steps

    private func handshakeCompleted() {
        cancelHandshakeTimer()
        state = .open
        handler?.connectionActive()
        guard state == .open else { return }
        if outputShutdownRequested { sendCloseNotifyAndShutdown() }
        if upperAwaitsWritable, isWritable {
            upperAwaitsWritable = false
            handler?.connectionWritable()
        }
    }

    /// The peer's close_notify (already answered by the engine): end of input, then close.
    private func peerSentCloseNotify() {
        handler?.connectionInputEnded()
        guard state == .open else { return }
        state = .closing
        closeReason = .peerClosed
        transport.close(.afterFlush)
    }

    /// Moves the engine's outbound ciphertext to the transport; false if the transport is closed.
    @discardableResult
    func flushCiphertext() -> Bool {
        guard engine.outboundCiphertextCount > 0 else { return transport.isOpen }
        return withUnsafeTemporaryAllocation(byteCount: Self.ciphertextPieceBytes, alignment: 16) { buffer in
            while true {
                let count = engine.readOutboundCiphertext(into: buffer)
                if count == 0 { return transport.isOpen }
                if transport.write(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) == .closed { return false }
            }
        }
    }

    /// A TLS failure: the alert the engine produced goes out, the upper handler hears `.tls(error)` now.
    func fail(_ error: TLSError) {
        flushCiphertext()
        finish(.tls(error), mode: .afterFlush)
    }

    /// Ends the connection for `reason`, telling the upper handler at once (on the next job) while the
    /// transport finishes closing by itself.
    func finish(_ reason: CloseReason, mode: CloseMode) {
        guard state != .closed else { return }
        report(reason)
        transport.close(mode)
    }

    /// Tells the upper handler, exactly once, on a later job (never from inside its own call).
    func report(_ reason: CloseReason) {
        guard state != .closed else { return }
        state = .closed
        cancelHandshakeTimer()
        let handler = self.handler
        self.handler = nil
        loop.executeLocal { handler?.connectionClosed(reason) }
    }

    func cancelHandshakeTimer() {
        handshakeTimer?.cancel()
        handshakeTimer = nil
    }
}
