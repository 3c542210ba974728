/// The non-INVITE server transaction (RFC 3261 §17.2.2, Figure 8): Trying → (1xx) Proceeding →
/// (final) Completed → Terminated after Timer J (64·T1 unreliable, at once reliable). Retransmitted
/// requests are absorbed in Trying and answered with the last response afterwards.
public struct NonInviteServerTransaction: Sendable {
    /// The states of the RFC diagram.
    public enum State: Hashable, Sendable { case trying, proceeding, completed, terminated }

    public private(set) var state: State = .trying
    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimerValues
    private var lastResponse: SIPResponse?
    private var armed = ArmedTimers()

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimerValues = TransactionTimerValues()) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
    }

    public mutating func start(at now: SIPInstant) -> [TransactionAction] {
        [.passToTU(.request(request))]
    }

    /// A retransmission of the request.
    public mutating func receive(_ request: SIPRequest, at now: SIPInstant) -> [TransactionAction] {
        switch state {
        case .proceeding, .completed: lastResponse.map { [.sendResponse($0)] } ?? []
        case .trying, .terminated: []
        }
    }

    public mutating func respond(_ response: SIPResponse, at now: SIPInstant) -> [TransactionAction] {
        switch (state, response.statusCode) {
        case (.trying, 100..<200), (.proceeding, 100..<200):
            state = .proceeding
            lastResponse = response
            return [.sendResponse(response)]
        case (.trying, 200...699), (.proceeding, 200...699):
            lastResponse = response
            if isReliable {
                state = .terminated
                return [.sendResponse(response), .terminated]
            }
            state = .completed
            return [.sendResponse(response), armed.arm(.j, after: timers.sixtyFourT1, now: now)]
        default:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer, at now: SIPInstant) -> [TransactionAction] {
        guard armed.fire(timer, now: now), state == .completed, timer == .j else { return [] }
        state = .terminated
        return [.terminated]
    }

    public mutating func transportFailed() -> [TransactionAction] {
        guard state != .terminated else { return [] }
        state = .terminated
        return armed.cancelAll() + [.terminated]
    }
}
