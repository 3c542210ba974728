import SIP

/// Answering a 401/407 digest challenge to one of our requests (REGISTER, INVITE) as RFC 3261 §22.2 and
/// RFC 7616 describe: the same request again with the same Call-ID and From tag, CSeq + 1, a fresh Via
/// branch, and `Authorization` (401) or `Proxy-Authorization` (407) computed by `DigestClient`
/// (SHA-256 preferred when several challenges are offered). Pure: the caller supplies the cnonce and Via.
enum SIPClientAuthorization {
    /// The retried request, or nil when the response carries no challenge we can answer.
    static func retry(_ request: SIPRequest, answering challenge: SIPResponse, username: String, password: String,
                      cnonce: String, via: Via) -> SIPRequest? {
        guard let chosen = self.challenge(in: challenge) else { return nil }
        var retried = request
        retried.headers.via = [via]
        retried.headers.cseq = CSeq(request.headers.cseq.sequence + 1, request.method)
        guard authorize(&retried, challenge: chosen, proxy: challenge.statusCode == 407, username: username, password: password,
                        cnonce: cnonce, nonceCount: 1) else { return nil }
        return retried
    }

    /// The challenge of a 401/407 we answer (SHA-256 preferred), or nil when it offers none we can use.
    static func challenge(in response: SIPResponse) -> DigestChallenge? {
        let proxy = response.statusCode == 407
        guard response.statusCode == 401 || proxy else { return nil }
        let headers = (try? (proxy ? response.headers.proxyAuthenticate() : response.headers.wwwAuthenticate())) ?? []
        return DigestClient.preferred(headers.filter { $0.scheme.sipCaseInsensitiveEquals("Digest") }.compactMap(DigestChallenge.init))
    }

    /// Puts `Authorization` (or, for a proxy's challenge, `Proxy-Authorization`) answering `challenge`
    /// with nonce count `nonceCount` on `request`, replacing earlier credentials. RFC 7616 §3.4: a
    /// nonce may be reused with a higher nc and a fresh cnonce, which is how refreshes skip the 401.
    /// False when the challenge cannot be answered (qop without `auth`).
    static func authorize(_ request: inout SIPRequest, challenge: DigestChallenge, proxy: Bool, username: String, password: String,
                          cnonce: String, nonceCount: UInt32) -> Bool {
        guard let credentials = try? DigestClient.credentials(for: challenge, method: request.method, uri: request.uri.serialized,
                                                              username: username, password: password, cnonce: cnonce,
                                                              nonceCount: nonceCount) else { return false }
        request.headers.removeAll("Authorization")
        request.headers.removeAll("Proxy-Authorization")
        request.headers.add(proxy ? "Proxy-Authorization" : "Authorization", credentials.header.serialized)
        return true
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
