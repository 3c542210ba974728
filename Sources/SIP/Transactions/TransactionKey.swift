/// Identifies a transaction (RFC 3261 §17.1.3, §17.2.3): the top Via branch, its sent-by, and the
/// method — CANCEL has a transaction of its own with the same branch, and an ACK matches the INVITE
/// transaction it acknowledges. Requests without the RFC 3261 magic cookie (RFC 2543 peers) get a key
/// built from the fields §17.2.3 lists for them.
public struct TransactionKey: Hashable, Sendable, CustomStringConvertible {
    public var branch: String
    public var sentBy: String
    public var method: SIPMethod

    public init(branch: String, sentBy: String, method: SIPMethod) {
        self.branch = branch
        self.sentBy = sentBy
        self.method = method
    }

    /// The server transaction a received request belongs to.
    public static func server(for request: SIPRequest) -> TransactionKey? {
        guard let via = request.headers.topVia else { return nil }
        let method = request.method == .ack ? .invite : request.method
        if let branch = via.branch, via.hasMagicCookie {
            return TransactionKey(branch: branch, sentBy: via.sentBy.sipLowercased, method: method)
        }
        // RFC 2543 matching: Request-URI, To tag, From tag, Call-ID, CSeq number and top Via.
        let legacy = [request.headers.callID, request.headers.from.tag ?? "", String(request.headers.cseq.sequence),
                      request.method == .ack ? "" : (request.headers.to.tag ?? ""), request.uri.serialized].joined(separator: "|")
        return TransactionKey(branch: "rfc2543|" + legacy, sentBy: via.sentBy.sipLowercased, method: method)
    }

    /// The INVITE server transaction a CANCEL targets (RFC 3261 §9.2: same branch and sent-by).
    public static func cancelled(by cancel: SIPRequest) -> TransactionKey? {
        guard cancel.method == .cancel, var key = server(for: cancel) else { return nil }
        key.method = .invite
        return key
    }

    /// The client transaction a received response belongs to (top Via branch and CSeq method).
    public static func client(for response: SIPResponse) -> TransactionKey? {
        guard let via = response.headers.topVia, let branch = via.branch else { return nil }
        return TransactionKey(branch: branch, sentBy: via.sentBy.sipLowercased, method: response.headers.cseq.method)
    }

    /// The key of a client transaction for a request we send.
    public static func client(for request: SIPRequest) -> TransactionKey? {
        guard let via = request.headers.topVia, let branch = via.branch else { return nil }
        return TransactionKey(branch: branch, sentBy: via.sentBy.sipLowercased, method: request.method)
    }

    public var description: String { "\(method) \(branch) \(sentBy)" }
}
