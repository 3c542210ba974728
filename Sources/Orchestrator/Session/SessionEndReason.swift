import Conversation

/// Why a call's session ended: the turn machine's reasons, plus the ways the server ends a call itself.
public enum SessionEndReason: String, Sendable, Hashable, CaseIterable {
    /// The caller stayed silent through every reprompt; the agent said goodbye and hung up.
    case noInput
    /// The call reached its maximum length; the agent said goodbye and hung up.
    case maximumDuration
    /// The caller (or the carrier) hung up.
    case callerHungUp
    /// The agent's reply ended the call (`end_call`), once it had been played.
    case agentEnded
    /// The agent transferred the call (SIP REFER) after its reply.
    case transferred
    /// The server was shutting down and the call outlasted the drain deadline.
    case serverShutdown
    /// The transport failed (a broken or malformed stream) and cannot carry the call any more.
    case transportFailed

    /// The session reason for a turn-machine reason.
    public init(_ reason: CallEndReason) {
        switch reason {
        case .noInput: self = .noInput
        case .maximumDuration: self = .maximumDuration
        case .callerHungUp: self = .callerHungUp
        case .agentEnded: self = .agentEnded
        case .transferred: self = .transferred
        }
    }

    /// Whether the transport must be told to hang up (it is not when the caller already left).
    var needsTransportHangUp: Bool { self != .callerHungUp }
}
