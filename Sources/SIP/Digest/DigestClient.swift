/// Answers Digest challenges as a client (REGISTER to a registrar, INVITE through a trunk): RFC 7616
/// §3.4 with qop=auth, RFC 2617 without qop. The caller supplies the cnonce (random) and the nonce
/// count (1 for a fresh nonce, +1 for each reuse), so this stays pure.
public enum DigestClient {
    /// Why no credentials could be computed.
    public enum Failure: Error, Equatable, Sendable {
        /// The challenge offers qop, but not `auth` (only auth-int, which needs the body hashed).
        case unsupportedQop
    }

    /// When several challenges are offered, prefer SHA-256 over MD5 (RFC 8760 §2.4).
    public static func preferred(_ challenges: [DigestChallenge]) -> DigestChallenge? {
        challenges.first { $0.algorithm == .sha256 || $0.algorithm == .sha256Session } ?? challenges.first
    }

    public static func credentials(for challenge: DigestChallenge, method: SIPMethod, uri: String, username: String,
                                   password: String, cnonce: String, nonceCount: UInt32) throws(Failure) -> DigestCredentials {
        var qop: String?
        if !challenge.qop.isEmpty {
            guard challenge.qop.contains(where: { $0.sipCaseInsensitiveEquals("auth") }) else { throw .unsupportedQop }
            qop = "auth"
        }
        let nc = qop == nil ? nil : formatNonceCount(nonceCount)
        let useCnonce = qop != nil || challenge.algorithm.isSession ? cnonce : nil
        let response = challenge.algorithm.response(username: username, realm: challenge.realm, password: password,
                                                    method: method.rawValue, uri: uri, nonce: challenge.nonce, qop: qop,
                                                    nonceCount: nc, cnonce: useCnonce)
        return DigestCredentials(username: username, realm: challenge.realm, nonce: challenge.nonce, uri: uri,
                                 response: response, algorithm: challenge.algorithm, cnonce: useCnonce,
                                 opaque: challenge.opaque, qop: qop, nonceCount: nc)
    }

    /// nc = 8LHEX (RFC 7616 §3.4).
    public static func formatNonceCount(_ count: UInt32) -> String {
        let hex = String(count, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }
}
