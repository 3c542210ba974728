/// Digest hash algorithms (RFC 7616 §3.3, RFC 8760 for SIP): MD5 and SHA-256, each with its `-sess`
/// variant for clients. Names compare case-insensitively; a missing algorithm means MD5.
public enum DigestAlgorithm: String, Hashable, Sendable, CaseIterable {
    case md5 = "MD5"
    case md5Session = "MD5-sess"
    case sha256 = "SHA-256"
    case sha256Session = "SHA-256-sess"

    public init?(name: String?) {
        guard let name else { self = .md5; return }
        guard let match = Self.allCases.first(where: { $0.rawValue.sipCaseInsensitiveEquals(name) }) else { return nil }
        self = match
    }

    public var isSession: Bool { self == .md5Session || self == .sha256Session }

    /// H(data) as lowercase hex.
    public func hash(_ text: String) -> String {
        switch self {
        case .md5, .md5Session: Hex.encode(MD5.hash(Array(text.utf8)))
        case .sha256, .sha256Session: Hex.encode(SHA256.hash(Array(text.utf8)))
        }
    }

    /// RFC 7616 §3.4.1–3.4.2 (qop=auth) and RFC 2617 §3.2.2.1 (no qop): the request-digest.
    public func response(username: String, realm: String, password: String, method: String, uri: String, nonce: String,
                         qop: String?, nonceCount: String?, cnonce: String?) -> String {
        var ha1 = hash("\(username):\(realm):\(password)")
        if isSession { ha1 = hash("\(ha1):\(nonce):\(cnonce ?? "")") }
        let ha2 = hash("\(method):\(uri)")
        guard let qop else { return hash("\(ha1):\(nonce):\(ha2)") }
        return hash("\(ha1):\(nonce):\(nonceCount ?? ""):\(cnonce ?? ""):\(qop):\(ha2)")
    }
}

/// A Digest challenge (WWW-Authenticate / Proxy-Authenticate, RFC 7616 §3.3).
public struct DigestChallenge: Hashable, Sendable {
    public var realm: String
    public var nonce: String
    public var opaque: String?
    public var algorithm: DigestAlgorithm
    /// Offered qop values (`auth`, `auth-int`); empty for an RFC 2069 challenge.
    public var qop: [String]
    public var stale: Bool

    public init(realm: String, nonce: String, opaque: String? = nil, algorithm: DigestAlgorithm = .md5,
                qop: [String] = ["auth"], stale: Bool = false) {
        self.realm = realm
        self.nonce = nonce
        self.opaque = opaque
        self.algorithm = algorithm
        self.qop = qop
        self.stale = stale
    }

    public var header: AuthHeader {
        var parameters = [SIPParameter("realm", realm, quoted: true), SIPParameter("nonce", nonce, quoted: true)]
        if let opaque { parameters.append(SIPParameter("opaque", opaque, quoted: true)) }
        parameters.append(SIPParameter("algorithm", algorithm.rawValue))
        if !qop.isEmpty { parameters.append(SIPParameter("qop", qop.joined(separator: ","), quoted: true)) }
        if stale { parameters.append(SIPParameter("stale", "true")) }
        return AuthHeader(scheme: "Digest", parameters: parameters)
    }

    /// A Digest challenge from a parsed header; nil for another scheme, a missing realm or nonce, or an
    /// unknown algorithm.
    public init?(_ header: AuthHeader) {
        guard header.scheme.sipCaseInsensitiveEquals("Digest"), let realm = header.value("realm"),
              let nonce = header.value("nonce"), let algorithm = DigestAlgorithm(name: header.value("algorithm")) else { return nil }
        let qop = (header.value("qop") ?? "").split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        self.init(realm: realm, nonce: nonce, opaque: header.value("opaque"), algorithm: algorithm, qop: qop,
                  stale: header.value("stale")?.sipCaseInsensitiveEquals("true") ?? false)
    }
}

/// Digest credentials (Authorization / Proxy-Authorization, RFC 7616 §3.4).
public struct DigestCredentials: Hashable, Sendable {
    public var username: String
    public var realm: String
    public var nonce: String
    public var uri: String
    public var response: String
    public var algorithm: DigestAlgorithm
    public var cnonce: String?
    public var opaque: String?
    public var qop: String?
    /// nc as sent: 8 hexadecimal digits.
    public var nonceCount: String?

    public init(username: String, realm: String, nonce: String, uri: String, response: String, algorithm: DigestAlgorithm,
                cnonce: String? = nil, opaque: String? = nil, qop: String? = nil, nonceCount: String? = nil) {
        self.username = username
        self.realm = realm
        self.nonce = nonce
        self.uri = uri
        self.response = response
        self.algorithm = algorithm
        self.cnonce = cnonce
        self.opaque = opaque
        self.qop = qop
        self.nonceCount = nonceCount
    }

    /// The nc value, if it is 8 hex digits.
    public var nonceCountValue: UInt32? {
        guard let nonceCount, nonceCount.utf8.count == 8 else { return nil }
        return UInt32(nonceCount, radix: 16)
    }

    public var header: AuthHeader {
        var parameters = [SIPParameter("username", username, quoted: true), SIPParameter("realm", realm, quoted: true),
                          SIPParameter("nonce", nonce, quoted: true), SIPParameter("uri", uri, quoted: true),
                          SIPParameter("response", response, quoted: true), SIPParameter("algorithm", algorithm.rawValue)]
        if let cnonce { parameters.append(SIPParameter("cnonce", cnonce, quoted: true)) }
        if let opaque { parameters.append(SIPParameter("opaque", opaque, quoted: true)) }
        if let qop { parameters.append(SIPParameter("qop", qop)) }
        if let nonceCount { parameters.append(SIPParameter("nc", nonceCount)) }
        return AuthHeader(scheme: "Digest", parameters: parameters)
    }

    public init?(_ header: AuthHeader) {
        guard header.scheme.sipCaseInsensitiveEquals("Digest"), let username = header.value("username"),
              let realm = header.value("realm"), let nonce = header.value("nonce"), let uri = header.value("uri"),
              let response = header.value("response"),
              let algorithm = DigestAlgorithm(name: header.value("algorithm")) else { return nil }
        self.init(username: username, realm: realm, nonce: nonce, uri: uri, response: response, algorithm: algorithm,
                  cnonce: header.value("cnonce"), opaque: header.value("opaque"), qop: header.value("qop"),
                  nonceCount: header.value("nc"))
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\t" { scalars = scalars.dropFirst() }
        while scalars.last == " " || scalars.last == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
