import SIP

/// An outbound call to place through a trunk (`switchboard call`, `POST /v1/calls`).
public struct SIPOutboundCallRequest: Sendable, Hashable {
    /// The agent that speaks once the callee answers.
    public var agent: String
    /// A number, an extension, or a `sip:`/`tel:` URI.
    public var to: String
    /// The trunk's name; nil: the first trunk with `outbound`.
    public var trunk: String?
    /// The From user; nil: the trunk's `caller_id`.
    public var callerID: String?
    /// Ring time before CANCEL; nil: the trunk's.
    public var ringTimeoutSeconds: Int?
    /// Added to the session's variables.
    public var variables: [String: String]

    public init(agent: String, to: String, trunk: String? = nil, callerID: String? = nil, ringTimeoutSeconds: Int? = nil,
                variables: [String: String] = [:]) {
        self.agent = agent
        self.to = to
        self.trunk = trunk
        self.callerID = callerID
        self.ringTimeoutSeconds = ringTimeoutSeconds
        self.variables = variables
    }
}

/// Where an outbound call stands. The last four are final outcomes of the INVITE; `ended` follows
/// `answered` when the call is over.
public enum SIPOutboundCallStatus: String, Sendable, Hashable, Codable {
    case calling, ringing, answered, ended
    /// 486 Busy Here, 600 Busy Everywhere.
    case busy
    /// Our ring timeout (CANCEL → 487), 408, 480.
    case noAnswer = "no-answer"
    /// 603 Decline.
    case declined
    /// Any other failure: the SIP status, or nil when nothing answered (unreachable).
    case failed

    public var isFinal: Bool { self != .calling && self != .ringing }
}

/// One change of an outbound call's status, with the SIP status that caused it.
public struct SIPOutboundCallUpdate: Sendable, Hashable {
    public var callID: String
    public var status: SIPOutboundCallStatus
    public var sipStatus: Int?
    public var reason: String

    public init(callID: String, status: SIPOutboundCallStatus, sipStatus: Int?, reason: String) {
        self.callID = callID
        self.status = status
        self.sipStatus = sipStatus
        self.reason = reason
    }

    /// The outcome a final response to our INVITE means (after a CANCEL of ours, 487 is no answer).
    public static func status(forFinal code: Int, cancelledByUs: Bool) -> SIPOutboundCallStatus {
        switch code {
        case 200..<300: .answered
        case 486, 600: .busy
        case 603: .declined
        case 408, 480: .noAnswer
        case 487 where cancelledByUs: .noAnswer
        default: .failed
        }
    }
}

/// Why an outbound call could not be started at all.
public enum SIPOutboundCallError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownAgent(String)
    case noOutboundTrunk(String?)
    case noUDPListener
    case draining
    case atCallLimit
    case invalidDestination(String)
    case unresolvable(String)
    /// The trunk's TCP/TLS connection could not be opened.
    case unreachable(String)
    case noMediaPort(String)

    public var description: String {
        switch self {
        case .unknownAgent(let name): "no agent named \(name)"
        case .noOutboundTrunk(let name): name.map { "trunk \($0) does not exist or has no outbound section" }
            ?? "no trunk has an outbound section"
        case .noUDPListener: "outbound calls need sip.listen.udp"
        case .draining: "the server is draining"
        case .atCallLimit: "the server is at its call limit"
        case .invalidDestination(let to): "cannot call \"\(to)\""
        case .unresolvable(let host): "cannot resolve \(host)"
        case .unreachable(let why): "cannot connect to \(why)"
        case .noMediaPort(let why): "no media port: \(why)"
        }
    }
}
