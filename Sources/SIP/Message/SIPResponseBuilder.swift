extension SIPResponse {
    /// Builds a response to `request` as RFC 3261 §8.2.6 says: the same Via fields in the same order,
    /// From, Call-ID and CSeq copied, To copied with `toTag` added if the request's To had none (never
    /// on 100 Trying, §8.2.6.2), and for a dialog-creating response (101–299 to INVITE or SUBSCRIBE) the
    /// Record-Route fields copied (§12.1.1). Only typed headers are read: nothing is re-parsed.
    public init(replyingTo request: SIPRequest, statusCode: Int, reasonPhrase: String? = nil, toTag: String? = nil,
                contact: ContactHeader? = nil, contentType: MediaType? = nil, body: [UInt8] = []) {
        var to = request.headers.to
        if to.tag == nil, statusCode > 100, let toTag { to.tag = toTag }
        let createsDialog = (101...299).contains(statusCode) && (request.method == .invite || request.method == .subscribe)
        let headers = SIPHeaders(via: request.headers.via, from: request.headers.from, to: to,
                                 callID: request.headers.callID, cseq: request.headers.cseq, contact: contact,
                                 recordRoute: createsDialog ? request.headers.recordRoute : [],
                                 contentType: body.isEmpty ? nil : contentType)
        self.init(statusCode: statusCode, reasonPhrase: reasonPhrase ?? SIPStatus.reasonPhrase(for: statusCode),
                  headers: headers, body: body)
    }
}

/// Default reason phrases (RFC 3261 §21 and the extensions Switchboard answers with).
public enum SIPStatus {
    public static func reasonPhrase(for code: Int) -> String {
        switch code {
        case 100: "Trying"
        case 180: "Ringing"
        case 181: "Call Is Being Forwarded"
        case 182: "Queued"
        case 183: "Session Progress"
        case 200: "OK"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 413: "Request Entity Too Large"
        case 415: "Unsupported Media Type"
        case 416: "Unsupported URI Scheme"
        case 420: "Bad Extension"
        case 421: "Extension Required"
        case 422: "Session Interval Too Small"
        case 423: "Interval Too Brief"
        case 480: "Temporarily Unavailable"
        case 481: "Call/Transaction Does Not Exist"
        case 482: "Loop Detected"
        case 483: "Too Many Hops"
        case 486: "Busy Here"
        case 487: "Request Terminated"
        case 488: "Not Acceptable Here"
        case 491: "Request Pending"
        case 500: "Server Internal Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 504: "Server Time-out"
        case 505: "Version Not Supported"
        case 513: "Message Too Large"
        case 600: "Busy Everywhere"
        case 603: "Decline"
        default: "Unknown"
        }
    }
}
