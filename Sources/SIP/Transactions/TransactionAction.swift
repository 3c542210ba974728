/// What a transaction machine asks its shell to do. The shell performs the actions in order: sends
/// messages on the transaction's transport, schedules `startTimer` deadlines (calling the machine's
/// `timerFired` when they pass), hands messages to the transaction user (TU), and drops the
/// transaction on `terminated`.
public enum TransactionAction: Hashable, Sendable, CustomStringConvertible {
    case sendRequest(SIPRequest)
    case sendResponse(SIPResponse)
    case startTimer(TransactionTimer, at: SIPInstant)
    case cancelTimer(TransactionTimer)
    /// A request (server) or response (client) for the TU.
    case passToTU(SIPMessage)
    /// Timer B or F fired (the TU treats it as a 408, RFC 3261 §8.1.3.1), or Timer H fired (no ACK
    /// came for a final response, §17.2.1).
    case timedOut(TransactionTimer)
    case terminated

    public var description: String {
        switch self {
        case .sendRequest(let request): "send \(request.method)"
        case .sendResponse(let response): "send \(response.statusCode)"
        case .startTimer(let timer, let at): "start \(timer) at \(at)"
        case .cancelTimer(let timer): "cancel \(timer)"
        case .passToTU(.request(let request)): "TU ← \(request.method)"
        case .passToTU(.response(let response)): "TU ← \(response.statusCode)"
        case .timedOut(let timer): "timed out (\(timer))"
        case .terminated: "terminated"
        }
    }
}
