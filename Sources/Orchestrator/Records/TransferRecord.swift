import Conversation

/// One transfer the agent asked for during a call, as the call's record keeps it: where to, when it was
/// asked for, and how and when it ended (`outcome` nil: the call ended before the transport said).
public struct TransferRecord: Sendable, Hashable {
    /// The target as the tool call gave it (empty when it named none).
    public var target: String
    public var requestedAt: CallInstant
    public var outcome: TransferOutcome?
    public var endedAt: CallInstant?

    public init(target: String, requestedAt: CallInstant, outcome: TransferOutcome? = nil, endedAt: CallInstant? = nil) {
        self.target = target
        self.requestedAt = requestedAt
        self.outcome = outcome
        self.endedAt = endedAt
    }

    /// `completed`, a failure's label (`refused`, `target_failed`, `timed_out`, …) or `pending`.
    public var outcomeLabel: String { outcome?.label ?? "pending" }

    /// One line for logs: `sip:desk@pbx refused 403 asked t+2100ms ended t+2160ms`.
    public var summary: String {
        var parts = [target.isEmpty ? "-" : target, outcomeLabel]
        if case .failed(let failure)? = outcome, let status = failure.status { parts.append("\(status)") }
        if case .completed(let status?)? = outcome { parts.append("\(status)") }
        parts.append("asked \(requestedAt)")
        if let endedAt { parts.append("ended \(endedAt)") }
        return parts.joined(separator: " ")
    }
}
