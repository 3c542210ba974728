/// The non-INVITE client transaction (RFC 3261 §17.1.2, Figure 6): Trying (Timer E retransmits over
/// unreliable transports, doubling up to T2; Timer F gives up) → (1xx) Proceeding (retransmits every
/// T2) → (final) Completed, absorbing response retransmissions until Timer K (T4, or at once over
/// reliable transports).
public struct NonInviteClientTransaction: Sendable {
    /// The states of the RFC diagram.
    public enum State: Hashable, Sendable { case trying, proceeding, completed, terminated }

    public private(set) var state: State = .trying
    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimerValues
    private var armed = ArmedTimers()
    private var timerE: Duration

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimerValues = TransactionTimerValues()) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        timerE = timers.t1
    }

    public mutating func start(at now: SIPInstant) -> [TransactionAction] {
        var actions: [TransactionAction] = [.sendRequest(request)]
        if !isReliable { actions.append(armed.arm(.e, after: timerE, now: now)) }
        actions.append(armed.arm(.f, after: timers.sixtyFourT1, now: now))
        return actions
    }

    public mutating func receive(_ response: SIPResponse, at now: SIPInstant) -> [TransactionAction] {
        switch (state, response.statusCode) {
        case (.trying, 100..<200), (.proceeding, 100..<200):
            state = .proceeding
            return [.passToTU(.response(response))]
        case (.trying, 200...699), (.proceeding, 200...699):
            var actions = armed.cancel(.e) + armed.cancel(.f) + [.passToTU(.response(response))]
            if isReliable {
                state = .terminated
                actions.append(.terminated)
            } else {
                state = .completed
                actions.append(armed.arm(.k, after: timers.t4, now: now))
            }
            return actions
        default:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer, at now: SIPInstant) -> [TransactionAction] {
        guard armed.fire(timer, now: now) else { return [] }
        switch (state, timer) {
        case (.trying, .e), (.proceeding, .e):
            // §17.1.2.2: double up to T2 while Trying; every T2 once a provisional response came.
            timerE = state == .trying ? min(timerE * 2, timers.t2) : timers.t2
            return [.sendRequest(request), armed.arm(.e, after: timerE, now: now)]
        case (.trying, .f), (.proceeding, .f):
            state = .terminated
            return armed.cancelAll() + [.timedOut(.f), .terminated]
        case (.completed, .k):
            state = .terminated
            return [.terminated]
        default:
            return []
        }
    }

    public mutating func transportFailed() -> [TransactionAction] {
        guard state != .terminated else { return [] }
        state = .terminated
        return armed.cancelAll() + [.terminated]
    }
}
