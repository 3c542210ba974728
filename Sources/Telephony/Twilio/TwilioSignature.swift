import Wire

/// Validates `X-Twilio-Signature` (protocols.md §1.4): base64(HMAC-SHA1(auth token, URL + each POST
/// parameter sorted by name then value, as name + value)). Pure.
public struct TwilioSignature: Sendable {
    private let token: [UInt8]

    public init(authToken: String) {
        token = Array(authToken.utf8)
    }

    /// The signature Twilio sends for `url` and `parameters`.
    public func signature(url: String, parameters: [(String, String)] = []) -> String {
        var message = Array(url.utf8)
        for (name, value) in parameters.sorted(by: { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }) {
            message += Array(name.utf8) + Array(value.utf8)
        }
        return Base64.encode(HMACSHA1.authenticationCode(key: token, message: message))
    }

    /// Whether `header` signs `url` with `parameters`, compared in constant time.
    public func isValid(_ header: String, url: String, parameters: [(String, String)] = []) -> Bool {
        Self.constantTimeEqual(Array(signature(url: url, parameters: parameters).utf8), Array(header.utf8))
    }

    /// Whether `header` signs a WebSocket upgrade of `pathAndQuery` on `host` reached over `scheme`
    /// (`wss`/`ws`): Twilio's own validators disagree on the form, so each of these is accepted — the URL
    /// with its query and no parameters, the URL without query and the query as parameters; each with the
    /// scheme as given and its https/http twin, and with and without the default port.
    public func isValidUpgrade(_ header: String, scheme: String, host: String, pathAndQuery: String) -> Bool {
        let parts = pathAndQuery.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts.first ?? "")
        let query = parts.count > 1 ? String(parts[1]) : nil
        let queryParameters: [(String, String)] = query.map { q in
            q.split(separator: "&").map { pair in
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return (Self.percentDecoded(kv[0]), kv.count > 1 ? Self.percentDecoded(kv[1]) : "")
            }
        } ?? []
        for base in Self.bases(scheme: scheme, host: host) {
            if isValid(header, url: base + pathAndQuery) { return true }
            if query != nil, isValid(header, url: base + path, parameters: queryParameters) { return true }
        }
        return false
    }

    static func bases(scheme: String, host: String) -> [String] {
        let secure = scheme == "wss" || scheme == "https"
        let schemes = secure ? ["wss", "https"] : ["ws", "http"]
        let defaultPort = secure ? ":443" : ":80"
        let bare = host.hasSuffix(defaultPort) ? String(host.dropLast(defaultPort.count)) : host
        let hosts = bare.contains(":") ? [bare] : [bare, bare + defaultPort]
        return schemes.flatMap { scheme in hosts.map { "\(scheme)://\($0)" } }
    }

    static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == 0x2B { bytes.append(0x20); continue }
            guard byte == 0x25, let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { bytes.append(byte); continue }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
