import Net
import Speech
import Wire

/// The session's loop-thread side: flushing audio, the provider's messages and close, deadlines and
/// keep-alive. Everything here runs on `loop`.
extension WebSocketTranscriptionSession {
    /// The connection is up (called by the delegate factory, before any message is delivered).
    func attached(_ connection: WebSocketClientConnection) {
        let interval = options.keepAliveInterval
        let wantsKeepAlive = dialect.keepAliveMessage != nil
        state.withLock { state in
            state.connection = connection
            guard wantsKeepAlive else { return }
            state.keepAlive = loop.scheduleRepeatingLocalTimer(every: interval) { [weak self] in self?.keepAliveTick() }
        }
    }

    /// Sends what is pending: whole chunks, and after `finishAudio` the rest (padded) and the finish message.
    func flushOnLoop() {
        var finishGeneration: Int?
        state.withLock { state in
            state.flushScheduled = false
            guard state.phase == .open, let connection = state.connection, !state.backPressured, !state.finishSent else { return }
            if state.finishRequested, state.pending.count % chunkBytes != 0 {
                let padding = chunkBytes - state.pending.count % chunkBytes
                state.pending.append(contentsOf: repeatElement(encoder.silenceByte, count: padding))
            }
            var sent = 0
            while state.pending.count - sent >= chunkBytes {
                let size = chunkBytes == 1 ? state.pending.count - sent : chunkBytes
                let status = state.pending.withUnsafeBytes { connection.sendOnLoop(binary: UnsafeRawBufferPointer(rebasing: $0[sent..<(sent + size)])) }
                sent += size
                state.audioSinceKeepAliveTick = true
                if status == .backPressure { state.backPressured = true; break }
                if status == .closed { break }
            }
            if sent == state.pending.count { state.pending.removeAll(keepingCapacity: true) } else { state.pending.removeFirst(sent) }
            guard state.finishRequested, state.pending.isEmpty, !state.backPressured else { return }
            connection.sendOnLoop(text: dialect.finishMessage)
            state.finishSent = true
            state.deadlineGeneration += 1
            finishGeneration = state.deadlineGeneration
        }
        if let generation = finishGeneration {
            loop.scheduleTimer(after: options.finishTimeout) { [weak self] in self?.deadlinePassed(generation, stage: .midStream) }
        }
    }

    func writable() {
        state.withLock { $0.backPressured = false }
        flushOnLoop()
    }

    func received(_ message: WebSocketClientMessage) {
        let outcome: StreamingDialectOutcome
        switch message {
        case .text(let text): outcome = dialect.decode(Array(text.utf8))
        case .binary(let bytes): outcome = .failed(.malformedResponse(detail: "unexpected binary message of \(bytes.count) bytes"))
        }
        switch outcome {
        case .events(let events, let countsAsResult):
            // Yielded under the lock: a failure ending the session from another thread cannot slip in between.
            state.withLock { state in
                guard state.phase == .open else { return }
                if countsAsResult {
                    state.resultCount += 1
                    if state.watchdogArmed {
                        state.watchdogArmed = false
                        state.deadlineGeneration += 1
                    }
                }
                for event in events {
                    if event == .utteranceEnd, state.lastWasUtteranceEnd { continue }
                    state.lastWasUtteranceEnd = event == .utteranceEnd
                    continuation.yield(event)
                }
            }
        case .ended:
            endCleanly()
        case .failed(let error):
            fail(error)
        }
    }

    func closed(_ error: WebSocketClientError?) {
        let finishing = state.withLock { $0.finishSent }
        switch error {
        case nil:
            if finishing { endCleanly() } else { fail(.connectionLost) }
        case .closedByPeer(let code, let reason)?:
            if let failure = dialect.failure(closeCode: code, reason: reason) {
                fail(failure.redacted(secret.reveal()))
            } else if finishing {
                endCleanly()
            } else {
                fail(.connectionLost)
            }
        case let error?:
            fail(WebSocketFailureMapping.streamFailure(error, secret: secret.reveal()))
        }
    }

    /// Arms the deadline for the next result after a frame of speech (from any thread).
    func armResultDeadline(_ generation: Int) {
        let first = state.withLock { $0.resultCount == 0 }
        let delay = first ? options.firstResultTimeout : options.stallTimeout
        loop.scheduleTimer(after: delay) { [weak self] in
            self?.deadlinePassed(generation, stage: first ? .firstResponse : .midStream)
        }
    }

    private func deadlinePassed(_ generation: Int, stage: ProviderError.Stage) {
        let current = state.withLock { $0.phase == .open && $0.deadlineGeneration == generation }
        if current { fail(.timeout(stage)) }
    }

    private func keepAliveTick() {
        guard let message = dialect.keepAliveMessage else { return }
        state.withLock { state in
            defer { state.audioSinceKeepAliveTick = false }
            guard state.phase == .open, !state.finishSent, !state.audioSinceKeepAliveTick, let connection = state.connection else { return }
            connection.sendOnLoop(text: message)
        }
    }
}

/// Hands a provider connection's loop-thread callbacks to its session.
final class TranscriptionSocketDelegate: WebSocketClientDelegate {
    let session: WebSocketTranscriptionSession

    init(session: WebSocketTranscriptionSession) {
        self.session = session
    }

    func webSocketReceived(_ message: WebSocketClientMessage) { session.received(message) }
    func webSocketWritable() { session.writable() }
    func webSocketClosed(_ error: WebSocketClientError?) { session.closed(error) }
}

extension ProviderError {
    /// The same error with `secret` scrubbed from its detail text.
    func redacted(_ secret: String) -> ProviderError {
        switch self {
        case .badRequest(let detail): .badRequest(detail: SecretRedaction.redact(detail, hiding: secret))
        case .malformedResponse(let detail): .malformedResponse(detail: SecretRedaction.redact(detail, hiding: secret))
        default: self
        }
    }
}
