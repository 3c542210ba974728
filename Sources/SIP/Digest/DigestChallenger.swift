/// Challenges requests with Digest authentication and verifies the answers (server side, RFC 7616 with
/// qop=auth; MD5 and SHA-256). Nonces are stateless and unforgeable: `hex(issued ms) hex(salt)
/// hex(HMAC-SHA-256(secret, issued:salt:realm)[0..<16])`, so they expire after `nonceLifetime` and any
/// change is detected. Replays are caught by the `NonceCountTracker` the owner keeps alongside. Pure:
/// the instant, the salt and the secret are all given.
public struct DigestChallenger: Sendable {
    /// RFC 7616 §5.5 leaves the lifetime to the server; five minutes covers a REGISTER refresh cycle's
    /// retry and an INVITE's auth round trip.
    public static let defaultNonceLifetime: Duration = .seconds(300)
    /// Truncated MAC length in bytes (128 bits).
    static let macBytes = 16

    /// The outcome of `verify`.
    public enum Verdict: Equatable, Sendable {
        case accepted(username: String)
        /// The response was right but the nonce expired or was forgotten: challenge again with stale=true.
        case stale
        case rejected(String)
    }

    public var realm: String
    public var secret: [UInt8]
    public var nonceLifetime: Duration
    /// Challenges offered, one header each, most preferred first (RFC 8760 §2.4: SHA-256 before MD5).
    public var algorithms: [DigestAlgorithm]
    public var opaque: String?

    public init(realm: String, secret: [UInt8], nonceLifetime: Duration = defaultNonceLifetime,
                algorithms: [DigestAlgorithm] = [.sha256, .md5], opaque: String? = nil) {
        self.realm = realm
        self.secret = secret
        self.nonceLifetime = nonceLifetime
        self.algorithms = algorithms
        self.opaque = opaque
    }

    /// The challenges for a 401/407, with a nonce issued `at` now; `salt` should be random.
    public func challenges(at now: SIPInstant, salt: UInt64, stale: Bool = false) -> [DigestChallenge] {
        let nonce = makeNonce(issuedAt: now.milliseconds, salt: salt)
        return algorithms.map { DigestChallenge(realm: realm, nonce: nonce, opaque: opaque, algorithm: $0, qop: ["auth"], stale: stale) }
    }

    func makeNonce(issuedAt: UInt64, salt: UInt64) -> String {
        let issued = Self.hex(issuedAt)
        let saltHex = Self.hex(salt)
        return issued + saltHex + Hex.encode(mac(issued, saltHex))
    }

    private func mac(_ issued: String, _ salt: String) -> ArraySlice<UInt8> {
        SHA256.hmac(key: secret, message: Array("\(issued):\(salt):\(realm)".utf8)).prefix(Self.macBytes)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The issue time of a nonce this challenger made, or nil if it is malformed or forged.
    func issueTime(of nonce: String) -> UInt64? {
        let bytes = Array(nonce.utf8)
        guard bytes.count == 32 + Self.macBytes * 2, bytes.allSatisfy({ SIPCharacters.hexValue($0) != nil }) else { return nil }
        let issued = String(decoding: bytes[0..<16], as: UTF8.self)
        let salt = String(decoding: bytes[16..<32], as: UTF8.self)
        let expected = Array(Hex.encode(mac(issued, salt)).utf8)
        guard Hex.constantTimeEquals(expected, bytes[32...].map(SIPCharacters.lowercased)) else { return nil }
        return UInt64(issued, radix: 16)
    }

    /// Verifies credentials for a request: realm, a nonce this challenger issued, qop=auth with cnonce
    /// and nc, the digest-uri (when `requestURI` is given), the response (compared in constant time), the
    /// nonce's age, and finally that nc grew for this nonce.
    public func verify(_ credentials: DigestCredentials, method: SIPMethod, password: String, requestURI: String? = nil,
                       at now: SIPInstant, tracker: inout NonceCountTracker) -> Verdict {
        guard credentials.realm == realm else { return .rejected("wrong realm") }
        guard algorithms.contains(credentials.algorithm) else { return .rejected("algorithm not offered") }
        guard let issuedAt = issueTime(of: credentials.nonce) else { return .rejected("nonce not issued here") }
        guard credentials.qop == "auth", let cnonce = credentials.cnonce, !cnonce.isEmpty,
              let nc = credentials.nonceCountValue, let ncText = credentials.nonceCount else {
            return .rejected("qop=auth with cnonce and nc required")
        }
        if let requestURI, credentials.uri != requestURI { return .rejected("digest uri does not match the Request-URI") }
        let expected = credentials.algorithm.response(username: credentials.username, realm: realm, password: password,
                                                      method: method.rawValue, uri: credentials.uri, nonce: credentials.nonce,
                                                      qop: "auth", nonceCount: ncText, cnonce: cnonce)
        guard Hex.constantTimeEquals(Array(expected.utf8), Array(credentials.response.lowercased().utf8)) else {
            return .rejected("wrong response")
        }
        let age = now.milliseconds >= issuedAt ? now.milliseconds - issuedAt : UInt64.max
        guard age <= UInt64(nonceLifetime.components.seconds) * 1000 else { return .stale }
        switch tracker.check(nonce: credentials.nonce, issuedAt: issuedAt, nonceCount: nc) {
        case .fresh: return .accepted(username: credentials.username)
        case .replayed: return .rejected("replayed nonce count")
        case .forgotten: return .stale
        }
    }
}
