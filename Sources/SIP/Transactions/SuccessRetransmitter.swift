/// The UAS core's 2xx retransmission for an INVITE (RFC 3261 §13.3.1.4): the 2xx is sent again after
/// T1, 2·T1, 4·T1, … capped at T2, until the ACK arrives; with no ACK after 64·T1 the TU is told to
/// confirm and then end the session (send BYE). Over reliable transports nothing is retransmitted but
/// the 64·T1 wait for the ACK still runs. Its timers reuse the INVITE server's names: G paces the
/// retransmissions, H bounds the wait (the RFC leaves them unnamed here; the intervals are the same).
public struct SuccessRetransmitter: Sendable {
    /// The states of the RFC diagram.
    public enum State: Hashable, Sendable { case waitingForAck, acknowledged, gaveUp }

    public private(set) var state: State = .waitingForAck
    public let response: SIPResponse
    public let isReliable: Bool
    public let timers: TransactionTimerValues
    private var armed = ArmedTimers()
    private var interval: Duration

    public init(response: SIPResponse, isReliable: Bool, timers: TransactionTimerValues = TransactionTimerValues()) {
        self.response = response
        self.isReliable = isReliable
        self.timers = timers
        interval = timers.t1
    }

    /// Call after the 2xx was first sent.
    public mutating func start(at now: SIPInstant) -> [TransactionAction] {
        (isReliable ? [] : [armed.arm(.g, after: interval, now: now)]) + [armed.arm(.h, after: timers.sixtyFourT1, now: now)]
    }

    /// The ACK for this 2xx arrived (matched by the dialog: Call-ID, tags and CSeq number).
    public mutating func acknowledged() -> [TransactionAction] {
        guard state == .waitingForAck else { return [] }
        state = .acknowledged
        return armed.cancelAll() + [.terminated]
    }

    public mutating func timerFired(_ timer: TransactionTimer, at now: SIPInstant) -> [TransactionAction] {
        guard state == .waitingForAck, armed.fire(timer, now: now) else { return [] }
        switch timer {
        case .g:
            interval = min(interval * 2, timers.t2)
            return [.sendResponse(response), armed.arm(.g, after: interval, now: now)]
        case .h:
            state = .gaveUp
            return armed.cancelAll() + [.timedOut(.h), .terminated]
        default:
            return []
        }
    }
}
