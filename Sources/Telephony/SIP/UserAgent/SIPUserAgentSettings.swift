import Agents
import Net
import SIP

/// What a SIP user agent needs besides the shared media-endpoint context: its config section, how call
/// media is opened, the TLS certificate for `listen.tls`, and who hears its call events.
public struct SIPUserAgentSettings: Sendable {
    public var config: SIPConfig
    public var media: any SIPCallMediaFactory
    /// Needed when `config.listen.tls` is set.
    public var tlsContext: TLSServerContext?
    /// Whom TLS client flows (registrations, outbound trunks over `transport: tls`) trust; nil: the
    /// system CA store.
    public var tlsClientContext: TLSClientContext?
    /// Every call event (refusals, ringing, answer, cancel, end, digits, hold), on the loop thread.
    public var events: (@Sendable (SIPCallEvent) -> Void)?
    /// RFC 3261 timer base values (tests shorten them).
    public var timers: TransactionTimerValues
    /// Registration refresh and retry backoff (tests shorten the backoff).
    public var registration = RegistrationSchedule()
    /// How long a transfer waits for the REFER's answer and the final NOTIFY before it is given up as
    /// failed (the call stays up and the agent tells the caller).
    public var transferTimeout: Duration = .seconds(10)

    public init(config: SIPConfig, media: any SIPCallMediaFactory, tlsContext: TLSServerContext? = nil,
                events: (@Sendable (SIPCallEvent) -> Void)? = nil, timers: TransactionTimerValues = TransactionTimerValues()) {
        self.config = config
        self.media = media
        self.tlsContext = tlsContext
        self.events = events
        self.timers = timers
    }
}

/// Something that happened to a SIP call: for records, logs, metrics and tests.
public enum SIPCallEvent: Sendable, Hashable {
    /// An INVITE refused before a call existed (403 source not allowed, 401 challenge, 486/503 limits, 488, …).
    case refused(callID: String, status: Int, reason: String)
    case ringing(callID: String, trunk: String)
    case answered(callID: String, agent: String)
    /// CANCEL before the answer: 487 sent.
    case cancelled(callID: String)
    case ended(callID: String, reason: SIPCallEndReason)
    case digit(callID: String, key: Character)
    /// A re-INVITE or UPDATE changed our direction (`recvonly`/`inactive` = held, `sendrecv` = resumed).
    case directionChanged(callID: String, direction: String)
    /// A registration changed state (label `user@domain`).
    case registration(aor: String, state: SIPRegistrationState)
    /// Our REFER's outcome: the final sipfrag status (2xx = transferred), or the REFER's own failure
    /// status (nil: no answer or no final NOTIFY in time).
    case transferResult(callID: String, status: Int?)
    /// The intake dropped a message from `source` unanswered (a scanner, or a banned source). Sent for
    /// every drop: count it, do not log it (a flood would flood the log).
    case intakeDropped(source: SocketAddress, reason: SIPIntakeDropReason)
    /// `source` (outside every trunk) exceeded `sip.flood` and is banned for `seconds`.
    case sourceBanned(source: SocketAddress, seconds: Int)
}

/// How an answered (or ringing) SIP call ended.
public enum SIPCallEndReason: String, Sendable, Hashable {
    /// The peer sent BYE.
    case remoteBye
    /// We sent BYE because the session ended (agent goodbye, no input, maximum duration, shutdown).
    case localBye
    /// No ACK for our 200 OK within 64·T1 (RFC 3261 §13.3.1.4): BYE sent.
    case ackTimeout
    /// The session timer ran out (RFC 4028 §10): BYE sent.
    case sessionExpired
    /// The media reported no RTP for its timeout: BYE sent.
    case mediaTimeout
    /// The session could not be created (providers, limits) after ringing: final error response sent.
    case failedToAnswer
    /// The agent transferred the call (REFER): BYE sent after the final NOTIFY said 2xx.
    case transferred
}
