/// The base intervals of RFC 3261 §17.1.1.1 (Table 4). Every transaction timer derives from them.
public struct TransactionTimerValues: Hashable, Sendable {
    /// RFC 3261 §17.1.1.1: T1 = 500 ms, the round-trip time estimate.
    public static let defaultT1: Duration = .milliseconds(500)
    /// RFC 3261 §17.1.2.2: T2 = 4 s, the maximum retransmit interval for non-INVITE requests and INVITE responses.
    public static let defaultT2: Duration = .seconds(4)
    /// RFC 3261 §17.1.2.2: T4 = 5 s, the maximum time a message stays in the network.
    public static let defaultT4: Duration = .seconds(5)
    /// RFC 3261 §17.1.1.2: Timer D is at least 32 s over unreliable transports.
    public static let timerDUnreliable: Duration = .seconds(32)

    public var t1: Duration
    public var t2: Duration
    public var t4: Duration

    public init(t1: Duration = defaultT1, t2: Duration = defaultT2, t4: Duration = defaultT4) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
    }

    /// 64·T1 (32 s by default): Timers B, F, H, J (unreliable), L and M.
    public var sixtyFourT1: Duration { t1 * 64 }
}

/// The transaction timers, named as in RFC 3261 §17 (Table 4) and RFC 6026 §8 (L, M).
public enum TransactionTimer: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// INVITE client: retransmit the INVITE (unreliable only), T1 doubling.
    case a = "A"
    /// INVITE client: give up waiting for any response, 64·T1.
    case b = "B"
    /// INVITE client: absorb final-response retransmissions, 32 s unreliable / 0 reliable.
    case d = "D"
    /// Non-INVITE client: retransmit (unreliable only), T1 doubling up to T2.
    case e = "E"
    /// Non-INVITE client: give up, 64·T1.
    case f = "F"
    /// INVITE server: retransmit a 3xx–6xx final response (unreliable only), T1 doubling up to T2.
    case g = "G"
    /// INVITE server: give up waiting for the ACK of a 3xx–6xx, 64·T1.
    case h = "H"
    /// INVITE server: absorb ACK retransmissions, T4 unreliable / 0 reliable.
    case i = "I"
    /// Non-INVITE server: absorb request retransmissions, 64·T1 unreliable / 0 reliable.
    case j = "J"
    /// Non-INVITE client: absorb response retransmissions, T4 unreliable / 0 reliable.
    case k = "K"
    /// INVITE server in Accepted (RFC 6026 §8.7): absorb INVITE retransmissions after a 2xx, 64·T1.
    case l = "L"
    /// INVITE client in Accepted (RFC 6026 §8.4): pass 2xx retransmissions to the TU, 64·T1.
    case m = "M"

    public var description: String { "Timer \(rawValue)" }
}

/// Which timers a machine has armed and when they are due. A fire for a timer that is not armed (one
/// cancelled while its event was in flight) is ignored.
struct ArmedTimers: Hashable, Sendable {
    private var deadlines: [TransactionTimer: SIPInstant] = [:]

    mutating func arm(_ timer: TransactionTimer, after delay: Duration, now: SIPInstant) -> TransactionAction {
        let deadline = now.advanced(by: delay)
        deadlines[timer] = deadline
        return .startTimer(timer, at: deadline)
    }

    mutating func cancel(_ timer: TransactionTimer) -> [TransactionAction] {
        deadlines.removeValue(forKey: timer) == nil ? [] : [.cancelTimer(timer)]
    }

    mutating func cancelAll() -> [TransactionAction] {
        TransactionTimer.allCases.flatMap { cancel($0) }
    }

    /// True (and disarmed) if `timer` is armed and due at `now`.
    mutating func fire(_ timer: TransactionTimer, now: SIPInstant) -> Bool {
        guard let deadline = deadlines[timer], deadline <= now else { return false }
        deadlines[timer] = nil
        return true
    }

    func isArmed(_ timer: TransactionTimer) -> Bool { deadlines[timer] != nil }
}
