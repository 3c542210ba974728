/// Building requests inside a dialog (RFC 3261 §12.2.1.1): To = the remote party with its tag, From = us
/// with our tag, the dialog's Call-ID, the next local CSeq number (ACK reuses the INVITE's), and the
/// Request-URI and Route header from the route set: loose routing when the first route has `;lr`
/// (Request-URI = remote target), strict routing otherwise (Request-URI = first route, remote target
/// appended to the routes).
extension Dialog {
    /// RFC 3261 §8.1.1.6: Max-Forwards starts at 70.
    public static let initialMaxForwards = 70

    /// Request-URI and Route set for the next request.
    public var requestTarget: (uri: URI, route: [AddressHeader]) {
        guard let first = routeSet.first else { return (remoteTarget, []) }
        if first.uri.sipURI?.isLooseRouter ?? false { return (remoteTarget, routeSet) }
        var strictURI = first.uri
        if case .sip(var uri) = strictURI {
            // §12.2.1.1: parameters not allowed in a Request-URI are stripped.
            uri.parameters.removeAll { ["method", "maddr", "ttl", "transport", "lr"].contains($0.name.sipLowercased) }
            uri.headers = []
            strictURI = .sip(uri)
        }
        return (strictURI, Array(routeSet.dropFirst()) + [AddressHeader(NameAddress(uri: remoteTarget))])
    }

    /// Where the request goes first: the first Route URI when routing loosely, else the Request-URI
    /// (RFC 3261 §8.1.2).
    public var nextHop: URI {
        let target = requestTarget
        return target.route.first?.uri ?? target.uri
    }

    /// A new request in this dialog with the next CSeq number. `via` is the top Via (with a fresh branch);
    /// `contact` is required on target-refresh requests (INVITE, UPDATE, REFER, NOTIFY).
    public mutating func makeRequest(_ method: SIPMethod, via: Via, contact: AddressHeader? = nil,
                                     contentType: MediaType? = nil, body: [UInt8] = [],
                                     headers extra: [SIPHeaderField] = []) -> SIPRequest {
        precondition(method != .ack && method != .cancel, "ACK and CANCEL reuse the INVITE's CSeq: use makeAck")
        return build(method, sequence: nextLocalSequence(), via: via, contact: contact, contentType: contentType,
                     body: body, extra: extra)
    }

    /// The ACK for a 2xx to our INVITE with CSeq number `inviteSequence` (§13.2.2.4): a new transaction,
    /// same CSeq number, method ACK.
    public func makeAck(inviteSequence: UInt32, via: Via, contentType: MediaType? = nil, body: [UInt8] = []) -> SIPRequest {
        build(.ack, sequence: inviteSequence, via: via, contact: nil, contentType: contentType, body: body, extra: [])
    }

    private func build(_ method: SIPMethod, sequence: UInt32, via: Via, contact: AddressHeader?, contentType: MediaType?,
                       body: [UInt8], extra: [SIPHeaderField]) -> SIPRequest {
        let target = requestTarget
        let headers = SIPHeaders(via: [via], from: localParty, to: remoteParty, callID: id.callID,
                                 cseq: CSeq(sequence, method), maxForwards: Self.initialMaxForwards,
                                 contact: contact.map { .addresses([$0]) }, route: target.route,
                                 contentType: body.isEmpty ? nil : contentType, otherFields: extra)
        return SIPRequest(method: method, uri: target.uri, headers: headers, body: body)
    }

    /// BYE (§15.1.1).
    public mutating func bye(via: Via, reason: String? = nil) -> SIPRequest {
        makeRequest(.bye, via: via, headers: reason.map { [SIPHeaderField("Reason", $0)] } ?? [])
    }

    /// A re-INVITE carrying a new SDP offer (§14.1), optionally refreshing the session timer.
    public mutating func reInvite(via: Via, contact: AddressHeader, sdp: [UInt8], sessionExpires: SessionExpires? = nil) -> SIPRequest {
        var request = makeRequest(.invite, via: via, contact: contact, contentType: .sdp, body: sdp)
        request.headers.sessionExpires = sessionExpires
        if sessionExpires != nil { request.headers.supported = ["timer"] }
        return request
    }

    /// UPDATE (RFC 3311), without a body: a session refresh (RFC 4028 §9) when `sessionExpires` is given.
    public mutating func update(via: Via, contact: AddressHeader, sessionExpires: SessionExpires?) -> SIPRequest {
        var request = makeRequest(.update, via: via, contact: contact)
        request.headers.sessionExpires = sessionExpires
        if sessionExpires != nil { request.headers.supported = ["timer"] }
        return request
    }

    /// INFO carrying one DTMF digit as `application/dtmf-relay` (the common SIP INFO DTMF format).
    public mutating func infoDTMF(via: Via, digit: Character, durationMilliseconds: Int = 160) -> SIPRequest {
        let body = Array("Signal=\(digit)\r\nDuration=\(durationMilliseconds)\r\n".utf8)
        return makeRequest(.info, via: via, contentType: MediaType("application", "dtmf-relay"), body: body)
    }

    /// REFER for a blind transfer (RFC 3515) to `target`, with Referred-By when given.
    public mutating func refer(via: Via, contact: AddressHeader, target: URI, referredBy: AddressHeader? = nil) -> SIPRequest {
        var extra = [SIPHeaderField("Refer-To", NameAddress(uri: target).serialized)]
        if let referredBy { extra.append(SIPHeaderField("Referred-By", referredBy.serialized)) }
        return makeRequest(.refer, via: via, contact: contact, headers: extra)
    }

    /// NOTIFY of a REFER subscription (RFC 3515 §2.4.5): `message/sipfrag` with the status line reached.
    public mutating func notifyReferProgress(via: Via, contact: AddressHeader, statusCode: Int, terminated: Bool) -> SIPRequest {
        let state = terminated ? "terminated;reason=noresource" : "active;expires=60"
        let body = Array("SIP/2.0 \(statusCode) \(SIPStatus.reasonPhrase(for: statusCode))\r\n".utf8)
        return makeRequest(.notify, via: via, contact: contact,
                           contentType: MediaType("message", "sipfrag", parameters: [SIPParameter("version", "2.0")]),
                           body: body, headers: [SIPHeaderField("Event", "refer"), SIPHeaderField("Subscription-State", state)])
    }
}
