import SIP

/// Answering a 401/407 digest challenge to one of our requests (REGISTER, INVITE) as RFC 3261 §22.2 and
/// RFC 7616 describe: the same request again with the same Call-ID and From tag, CSeq + 1, a fresh Via
/// branch, and `Authorization` (401) or `Proxy-Authorization` (407) computed by `DigestClient`
/// (SHA-256 preferred when several challenges are offered). Pure: the caller supplies the cnonce and Via.
enum SIPClientAuthorization {
    /// The retried request, or nil when the response carries no challenge we can answer.
    static func retry(_ request: SIPRequest, answering challenge: SIPResponse, username: String, password: String,
                      cnonce: String, via: Via) -> SIPRequest? {
        let proxy = challenge.statusCode == 407
        guard challenge.statusCode == 401 || proxy else { return nil }
        let headers = (try? (proxy ? challenge.headers.proxyAuthenticate() : challenge.headers.wwwAuthenticate())) ?? []
        let offers = headers.filter { $0.scheme.sipCaseInsensitiveEquals("Digest") }.compactMap(DigestChallenge.init)
        guard let chosen = DigestClient.preferred(offers) else { return nil }
        let uri = request.uri.serialized
        guard let credentials = try? DigestClient.credentials(for: chosen, method: request.method, uri: uri, username: username,
                                                              password: password, cnonce: cnonce, nonceCount: 1) else { return nil }
        var retried = request
        retried.headers.via = [via]
        retried.headers.cseq = CSeq(request.headers.cseq.sequence + 1, request.method)
        let name = proxy ? "Proxy-Authorization" : "Authorization"
        retried.headers.removeAll("Authorization")
        retried.headers.removeAll("Proxy-Authorization")
        retried.headers.add(name, credentials.header.serialized)
        return retried
    }

    /// The CANCEL for our INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, From, To, CSeq number and
    /// top Via (so it matches the INVITE's transaction), Route copied, no body.
    static func cancel(for invite: SIPRequest) -> SIPRequest {
        let headers = SIPHeaders(via: Array(invite.headers.via.prefix(1)), from: invite.headers.from, to: invite.headers.to,
                                 callID: invite.headers.callID, cseq: CSeq(invite.headers.cseq.sequence, .cancel),
                                 maxForwards: Dialog.initialMaxForwards, route: invite.headers.route)
        return SIPRequest(method: .cancel, uri: invite.uri, headers: headers)
    }
}
