import CSystemShims

extension TCPConnection {
    /// How long a graceful close waits for the peer's FIN after sending its own (nginx's
    /// `lingering_timeout` default is 5 s; a voice server wants its descriptors back sooner).
    static let lingerTimeout: Duration = .seconds(2)

    /// Sends `bytes` now if nothing is queued, queueing whatever the kernel does not take. Reports
    /// `.backPressure` once queued output reaches the high-water mark (reading stops until it drains),
    /// and closes the connection past `maxQueuedBytes`.
    @discardableResult
    public func write(_ bytes: UnsafeRawBufferPointer) -> WriteStatus {
        loop.preconditionInEventLoop()
        guard state != .closed, closeAfterFlush == nil, !outputShutdownRequested else { return .closed }
        guard bytes.count > 0 else { return backPressured ? .backPressure : .accepted }
        var remaining = bytes
        if queue.isEmpty, state == .open {
            do {
                if case .done(let sent) = try Syscalls.send(fd, bytes) {
                    lastActivity = loop.now
                    remaining = UnsafeRawBufferPointer(rebasing: bytes[sent...])
                }
            } catch {
                close(reason: .error(error))
                return .closed
            }
            if remaining.isEmpty { return backPressured ? .backPressure : .accepted }
        }
        queue.append(remaining)
        if queue.byteCount > options.maxQueuedBytes {
            close(reason: .writeQueueOverflow)
            return .closed
        }
        if queue.byteCount >= options.highWaterMark { backPressured = true }
        updateInterest()
        return backPressured ? .backPressure : .accepted
    }

    /// Sends queued bytes with gathered writes until the kernel stops taking them.
    func flush() {
        while !queue.isEmpty {
            let vectors = loop.writeVectors
            let used = queue.fill(vectors)
            do {
                guard case .done(let sent) = try Syscalls.sendVectored(fd, UnsafeMutableBufferPointer(rebasing: vectors[0..<used])) else { break }
                queue.consume(sent)
                lastActivity = loop.now
            } catch {
                close(reason: .error(error))
                return
            }
        }
        if backPressured, queue.byteCount <= options.lowWaterMark {
            backPressured = false
            handler?.connectionWritable() // may refill the queue; the interest is settled once below
            guard state == .open else { return }
        }
        if queue.isEmpty { outputDrained() }
        updateInterest()
    }

    /// The queue is empty: carry out a pending half-close or close. A close sends FIN first and waits
    /// (at most `lingerTimeout`) for the peer's FIN, reading and discarding meanwhile.
    private func outputDrained() {
        if let reason = closeAfterFlush {
            if inputEnded {
                close(reason: reason)
                return
            }
            if !outputShutDown {
                outputShutDown = true
                do { try Syscalls.shutdown(fd, how: Int32(SHUT_WR)) } catch { close(reason: reason); return }
            }
            if deadlineTimer == nil {
                deadlineTimer = loop.scheduleLocalTimer(after: Self.lingerTimeout) { [weak self] in self?.close(reason: reason) }
            }
            return
        }
        if outputShutdownRequested, !outputShutDown {
            outputShutDown = true
            do { try Syscalls.shutdown(fd, how: Int32(SHUT_WR)) } catch { close(reason: .error(error)); return }
            if inputEnded { close(reason: .local) }
        }
    }

    public func shutdownOutput() {
        loop.preconditionInEventLoop()
        guard state != .closed, !outputShutdownRequested else { return }
        outputShutdownRequested = true
        if state == .open, queue.isEmpty { outputDrained() }
    }
}
