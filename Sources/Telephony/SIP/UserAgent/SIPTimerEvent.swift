import SIP

/// What a loop timer of the user agent is for; carried by value so the timer holds nothing of the
/// actor's state, and looked up again when it fires (a call or transaction gone by then is ignored).
enum SIPTimerEvent: Sendable {
    case server(TransactionKey, TransactionTimer)
    case client(TransactionKey, TransactionTimer)
    /// The ring time of a call is over: answer it.
    case ring(DialogID)
    /// The 2xx retransmission timers of a call (G paces, H gives up).
    case retransmit(DialogID, TransactionTimer)
    case sessionTimer(DialogID)
    /// Refresh or retry registration number n.
    case registration(Int)
    /// An outbound call (by Call-ID) rang too long: CANCEL.
    case outboundRing(String)
    /// No final NOTIFY for our REFER in time: BYE anyway.
    case transferTimeout(DialogID)
}
