/// The INVITE client transaction (RFC 3261 §17.1.1, Figure 5, as updated by RFC 6026 §8): Calling
/// (Timer A retransmits over unreliable transports, Timer B gives up) → (1xx) Proceeding → (2xx)
/// Accepted, where 2xx retransmissions still reach the TU until Timer M, or (3xx–6xx) Completed, where
/// the transaction ACKs every copy of the final response until Timer D.
public struct InviteClientTransaction: Sendable {
    /// The states of the RFC diagram.
    public enum State: Hashable, Sendable { case calling, proceeding, accepted, completed, terminated }

    public private(set) var state: State = .calling
    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimerValues
    private var armed = ArmedTimers()
    private var timerA: Duration
    private var ack: SIPRequest?

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimerValues = TransactionTimerValues()) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        timerA = timers.t1
    }

    public mutating func start(at now: SIPInstant) -> [TransactionAction] {
        var actions: [TransactionAction] = [.sendRequest(request)]
        if !isReliable { actions.append(armed.arm(.a, after: timerA, now: now)) }
        actions.append(armed.arm(.b, after: timers.sixtyFourT1, now: now))
        return actions
    }

    public mutating func receive(_ response: SIPResponse, at now: SIPInstant) -> [TransactionAction] {
        switch (state, response.statusCode) {
        case (.calling, 100..<200), (.proceeding, 100..<200):
            state = .proceeding
            return armed.cancel(.a) + armed.cancel(.b) + [.passToTU(.response(response))]
        case (.calling, 200..<300), (.proceeding, 200..<300):
            state = .accepted
            return armed.cancel(.a) + armed.cancel(.b)
                + [.passToTU(.response(response)), armed.arm(.m, after: timers.sixtyFourT1, now: now)]
        case (.accepted, 200..<300):
            return [.passToTU(.response(response))]
        case (.calling, 300...699), (.proceeding, 300...699):
            let ack = AckBuilder.ack(for: request, response: response)
            self.ack = ack
            var actions = armed.cancel(.a) + armed.cancel(.b) + [.sendRequest(ack), .passToTU(.response(response))]
            if isReliable {
                state = .terminated
                actions.append(.terminated)
            } else {
                state = .completed
                actions.append(armed.arm(.d, after: TransactionTimerValues.timerDUnreliable, now: now))
            }
            return actions
        case (.completed, 300...699):
            return ack.map { [.sendRequest($0)] } ?? []
        default:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer, at now: SIPInstant) -> [TransactionAction] {
        guard armed.fire(timer, now: now) else { return [] }
        switch (state, timer) {
        case (.calling, .a):
            timerA = timerA * 2
            return [.sendRequest(request), armed.arm(.a, after: timerA, now: now)]
        case (.calling, .b):
            state = .terminated
            return armed.cancelAll() + [.timedOut(.b), .terminated]
        case (.completed, .d), (.accepted, .m):
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

/// The ACK a client transaction sends for a 3xx–6xx final response (RFC 3261 §17.1.1.3): same
/// Request-URI, Call-ID, From and CSeq number as the INVITE, the response's To (with its tag), only
/// the INVITE's top Via, and the INVITE's Route set.
public enum AckBuilder {
    public static func ack(for invite: SIPRequest, response: SIPResponse) -> SIPRequest {
        let headers = SIPHeaders(via: Array(invite.headers.via.prefix(1)), from: invite.headers.from, to: response.headers.to,
                                 callID: invite.headers.callID, cseq: CSeq(invite.headers.cseq.sequence, .ack),
                                 maxForwards: invite.headers.maxForwards ?? 70, route: invite.headers.route)
        return SIPRequest(method: .ack, uri: invite.uri, headers: headers)
    }
}
