/// Keep-alive: a ping after `keepAliveInterval` of silence; nothing at all within `livenessTimeout`
/// after it and the peer is dead (robustness.md: a dead provider socket must be noticed fast, and sends
/// that keep "succeeding" into a dead socket prove nothing). One timer per connection, re-armed from
/// `lastReceived` when it fires rather than on every read.
extension WebSocketClientSession {
    func armKeepAlive(after delay: Duration? = nil) {
        guard let interval = options.keepAliveInterval else { return }
        keepAliveTimer = loop.scheduleLocalTimer(after: delay ?? interval) { [weak self] in self?.keepAliveTimerFired() }
    }

    private func keepAliveTimerFired() {
        keepAliveTimer = nil
        guard phase == .open, let interval = options.keepAliveInterval else { return }
        let now = loop.now
        if pausedForConsumer {
            // Our own consumer is behind and reading is paused: silence is ours, not the server's.
            lastReceived = now
            pingSentAt = nil
        }
        if let sentAt = pingSentAt {
            if lastReceived > sentAt {
                pingSentAt = nil
            } else {
                let waited = now &- sentAt
                let limit = EventLoop.nanoseconds(livenessTimeout)
                guard waited < limit else {
                    abort(.timeout(.liveness))
                    return
                }
                armKeepAlive(after: .nanoseconds(Int64(clamping: limit - waited)))
                return
            }
        }
        let silence = now &- lastReceived
        let limit = EventLoop.nanoseconds(interval)
        if silence >= limit {
            pingSentAt = now
            writeFrame(.ping, payload: [])
            armKeepAlive(after: livenessTimeout)
        } else {
            armKeepAlive(after: .nanoseconds(Int64(clamping: limit - silence)))
        }
    }

    private var livenessTimeout: Duration { options.livenessTimeout }
}
