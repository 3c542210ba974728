/// One SIP dialog (RFC 3261 §12) as a value: its state (early → confirmed → terminated), both tags, the
/// local and remote CSeq numbers, the remote target (the peer's Contact, refreshed by target-refresh
/// requests) and the route set (Record-Route as received by a UAS; reversed for a UAC). Pure: the owner
/// feeds it the requests and responses of the dialog and asks it to build the next request
/// (`Dialog+Requests.swift`).
public struct Dialog: Hashable, Sendable {
    /// RFC 3261 §12: a dialog starts early (1xx with a To tag) and is confirmed by a 2xx.
    public enum State: Hashable, Sendable { case early, confirmed, terminated }
    /// Which side of the dialog-creating transaction we were.
    public enum Role: Hashable, Sendable { case uac, uas }

    /// What to do with a request received in this dialog (§12.2.2).
    public enum RequestVerdict: Hashable, Sendable {
        case accepted
        /// The CSeq number is lower than the last one seen: answer 500 (§12.2.2).
        case outOfOrder
        /// Not this dialog's Call-ID and tags, or the dialog ended: answer 481.
        case unknownDialog
    }

    public private(set) var state: State
    public let role: Role
    public let id: DialogID
    /// Our address with our tag: From in the requests we send, To in the ones we receive.
    public let localParty: AddressHeader
    /// The peer's address with its tag.
    public let remoteParty: AddressHeader
    /// The CSeq number of our last request in the dialog; nil until we send one (a UAS's is empty, §12.1.1).
    public private(set) var localSequence: UInt32?
    /// The CSeq number of the peer's last request; nil until one arrives.
    public private(set) var remoteSequence: UInt32?
    /// Where in-dialog requests go: the peer's Contact URI.
    public private(set) var remoteTarget: URI
    /// Route set, first hop first.
    public let routeSet: [AddressHeader]
    /// True when the dialog-creating request came over TLS with a sips Request-URI (§12.1.1).
    public let isSecure: Bool
    /// The first CSeq number a UAS uses for its own requests (any value below 2^31; the owner picks it).
    public let initialLocalSequence: UInt32

    /// The UAS side of a dialog created by `request` (INVITE) answered with a 101–299 carrying `localTag`
    /// (§12.1.1): remote target from the request's Contact, route set = Record-Route in order, remote
    /// CSeq = the request's. Nil without a From tag or a usable Contact.
    public init?(uasFor request: SIPRequest, localTag: String, confirmed: Bool = false, initialLocalSequence: UInt32 = 1) {
        guard let remoteTag = request.headers.from.tag,
              let target = request.headers.contact?.addresses.first?.uri else { return nil }
        var local = request.headers.to
        local.tag = localTag
        self.state = confirmed ? .confirmed : .early
        self.role = .uas
        self.id = DialogID(callID: request.headers.callID, localTag: localTag, remoteTag: remoteTag)
        self.localParty = local
        self.remoteParty = request.headers.from
        self.localSequence = nil
        self.remoteSequence = request.headers.cseq.sequence
        self.remoteTarget = target
        self.routeSet = request.headers.recordRoute
        self.isSecure = request.uri.sipURI?.isSecure ?? false
        self.initialLocalSequence = max(1, min(initialLocalSequence, CSeq.maxSequence - 1))
    }

    /// The UAC side of a dialog created by our `request` and a 101–299 `response` with a To tag
    /// (§12.1.2): route set = the response's Record-Route reversed, remote target = its Contact.
    public init?(uacFor request: SIPRequest, response: SIPResponse) {
        guard (101...299).contains(response.statusCode), let localTag = request.headers.from.tag,
              let remoteTag = response.headers.to.tag,
              let target = response.headers.contact?.addresses.first?.uri else { return nil }
        self.state = response.isSuccess ? .confirmed : .early
        self.role = .uac
        self.id = DialogID(callID: request.headers.callID, localTag: localTag, remoteTag: remoteTag)
        self.localParty = request.headers.from
        self.remoteParty = response.headers.to
        self.localSequence = request.headers.cseq.sequence
        self.remoteSequence = nil
        self.remoteTarget = target
        self.routeSet = response.headers.recordRoute.reversed()
        self.isSecure = request.uri.sipURI?.isSecure ?? false
        self.initialLocalSequence = request.headers.cseq.sequence
    }

    /// A 2xx was sent (UAS) or received (UAC) for the dialog-creating INVITE.
    public mutating func confirm() {
        if state == .early { state = .confirmed }
    }

    /// The dialog ended (BYE sent or received, a final non-2xx for an early dialog, a timeout).
    public mutating func terminate() { state = .terminated }

    /// Checks a request received in this dialog and records its CSeq (§12.2.2). ACK and CANCEL reuse the
    /// INVITE's number and are not checked. A target-refresh request (re-INVITE, UPDATE) with a Contact
    /// moves the remote target (§12.2.2, RFC 3311 §5.2).
    public mutating func receive(_ request: SIPRequest) -> RequestVerdict {
        guard state != .terminated, DialogID.receiving(request) == id else { return .unknownDialog }
        let sequence = request.headers.cseq.sequence
        if request.method != .ack, request.method != .cancel {
            if let remoteSequence, sequence < remoteSequence { return .outOfOrder }
            remoteSequence = sequence
        }
        if Self.targetRefreshMethods.contains(request.method), let contact = request.headers.contact?.addresses.first {
            remoteTarget = contact.uri
        }
        return .accepted
    }

    /// A 2xx to one of our target-refresh requests moves the remote target to its Contact (§12.2.1.2).
    public mutating func receive(_ response: SIPResponse) {
        guard response.isSuccess, Self.targetRefreshMethods.contains(response.headers.cseq.method),
              let contact = response.headers.contact?.addresses.first else { return }
        remoteTarget = contact.uri
    }

    /// RFC 3261 §12.2 and RFC 3311: requests that may change the remote target.
    static let targetRefreshMethods: Set<SIPMethod> = [.invite, .update, .subscribe, .notify, .refer]

    /// Takes the next local CSeq number (§12.2.1.1: one more than the last, the first one the UAS's initial).
    mutating func nextLocalSequence() -> UInt32 {
        let next = localSequence.map { $0 < CSeq.maxSequence ? $0 + 1 : $0 } ?? initialLocalSequence
        localSequence = next
        return next
    }
}
