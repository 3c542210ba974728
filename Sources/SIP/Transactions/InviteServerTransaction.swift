/// The INVITE server transaction (RFC 3261 §17.2.1, Figure 7, as updated by RFC 6026 §8): Proceeding →
/// (2xx) Accepted → Terminated after Timer L, or (3xx–6xx) Completed → (ACK) Confirmed → Terminated
/// after Timer I, or → Terminated when Timer H fires without an ACK. Retransmitted INVITEs get the last
/// response again; over reliable transports nothing is retransmitted and Timer I is zero. The 2xx
/// itself is retransmitted by the UAS core (`SuccessRetransmitter`), not here.
public struct InviteServerTransaction: Sendable {
    /// The states of the RFC diagram.
    public enum State: Hashable, Sendable { case proceeding, accepted, completed, confirmed, terminated }

    public private(set) var state: State = .proceeding
    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimerValues
    private var lastResponse: SIPResponse?
    private var armed = ArmedTimers()
    private var timerG: Duration

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimerValues = TransactionTimerValues()) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        timerG = timers.t1
    }

    /// Starts the transaction: the INVITE goes to the TU, and unless `sendTrying` is false (the TU will
    /// answer within 200 ms, §17.2.1) a 100 Trying goes out first.
    public mutating func start(at now: SIPInstant, sendTrying: Bool = true) -> [TransactionAction] {
        var actions: [TransactionAction] = []
        if sendTrying {
            let trying = SIPResponse(replyingTo: request, statusCode: 100)
            lastResponse = trying
            actions.append(.sendResponse(trying))
        }
        actions.append(.passToTU(.request(request)))
        return actions
    }

    /// A request matched to this transaction by `TransactionKey`: a retransmitted INVITE or an ACK.
    public mutating func receive(_ request: SIPRequest, at now: SIPInstant) -> [TransactionAction] {
        switch (state, request.method) {
        case (.proceeding, .invite), (.completed, .invite):
            return lastResponse.map { [.sendResponse($0)] } ?? []
        case (.completed, .ack):
            var actions = armed.cancel(.g) + armed.cancel(.h)
            if isReliable {
                state = .terminated
                actions.append(.terminated)
            } else {
                state = .confirmed
                actions.append(armed.arm(.i, after: timers.t4, now: now))
            }
            return actions
        default:
            // Accepted absorbs INVITE retransmissions (RFC 6026 §8.7); Confirmed absorbs ACKs.
            return []
        }
    }

    /// A response from the TU.
    public mutating func respond(_ response: SIPResponse, at now: SIPInstant) -> [TransactionAction] {
        switch (state, response.statusCode) {
        case (.proceeding, 100..<200):
            lastResponse = response
            return [.sendResponse(response)]
        case (.proceeding, 200..<300):
            lastResponse = response
            state = .accepted
            return [.sendResponse(response), armed.arm(.l, after: timers.sixtyFourT1, now: now)]
        case (.accepted, 200..<300):
            // RFC 6026 §8.6: the TU's 2xx retransmissions go out through the transaction.
            return [.sendResponse(response)]
        case (.proceeding, 300...699):
            lastResponse = response
            state = .completed
            var actions: [TransactionAction] = [.sendResponse(response)]
            if !isReliable { actions.append(armed.arm(.g, after: timerG, now: now)) }
            actions.append(armed.arm(.h, after: timers.sixtyFourT1, now: now))
            return actions
        default:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer, at now: SIPInstant) -> [TransactionAction] {
        guard armed.fire(timer, now: now) else { return [] }
        switch (state, timer) {
        case (.completed, .g):
            timerG = min(timerG * 2, timers.t2)
            return (lastResponse.map { [.sendResponse($0)] } ?? []) + [armed.arm(.g, after: timerG, now: now)]
        case (.completed, .h):
            state = .terminated
            return armed.cancelAll() + [.timedOut(.h), .terminated]
        case (.confirmed, .i), (.accepted, .l):
            state = .terminated
            return [.terminated]
        default:
            return []
        }
    }

    /// The transport reported a failure sending a response (§17.2.4): the transaction ends.
    public mutating func transportFailed() -> [TransactionAction] {
        guard state != .terminated else { return [] }
        state = .terminated
        return armed.cancelAll() + [.terminated]
    }
}
