extension HTTPServerConnection {
    /// The timeout of each phase; nil for none.
    func timeout(of phase: Phase) -> Duration? {
        let configuration = context.configuration
        switch phase {
        case .awaitingRequest: return configuration.keepAliveTimeout
        case .readingHead: return configuration.requestHeadTimeout
        case .readingBody: return configuration.requestBodyTimeout
        case .none: return nil
        }
    }

    /// Moves to `next` and sets its deadline. The one timer per connection is armed at most the
    /// shortest timeout ahead, so a new deadline is never earlier than the armed timer: changing
    /// phase (twice per request) never touches the timer heap; the timer re-arms itself when it
    /// fires early.
    func enter(_ next: Phase) {
        guard next != phase else { return }
        phase = next
        guard let timeout = timeout(of: next) else {
            deadline = .max
            timer?.cancel()
            timer = nil
            return
        }
        deadline = loop.now &+ EventLoop.nanoseconds(timeout)
        if timer == nil { armTimer() }
    }

    private func armTimer() {
        let configuration = context.configuration
        let tick = EventLoop.nanoseconds(min(configuration.keepAliveTimeout, configuration.requestHeadTimeout,
                                             configuration.requestBodyTimeout))
        let now = loop.now
        let due = min(deadline, now &+ tick)
        let delay = due > now ? due - now : 0
        timer = loop.scheduleLocalTimer(after: .nanoseconds(Int64(clamping: delay))) { [weak self] in
            self?.timerFired()
        }
    }

    private func timerFired() {
        timer = nil
        guard phase != .none else { return }
        if loop.now >= deadline {
            deadlinePassed()
        } else {
            armTimer()
        }
    }

    /// An idle kept-alive connection just closes; a request too slow to arrive gets 408 and the
    /// connection closes (slowloris: dribbling a head never holds a connection past the deadline).
    private func deadlinePassed() {
        switch phase {
        case .awaitingRequest:
            closeGracefully()
        case .readingHead, .readingBody:
            let route = request?.route.metricsLabel ?? HTTPServerMetrics.invalidRequestRoute
            respond(.status(408), to: request?.head, route: route, forceClose: true)
        case .none:
            return
        }
    }
}
