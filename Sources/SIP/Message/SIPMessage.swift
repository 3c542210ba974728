/// A SIP request (RFC 3261 §7.1) with its validated headers and body.
public struct SIPRequest: Hashable, Sendable {
    public var method: SIPMethod
    public var uri: URI
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(method: SIPMethod, uri: URI, headers: SIPHeaders, body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }
}

/// A SIP response (RFC 3261 §7.2).
public struct SIPResponse: Hashable, Sendable {
    public var statusCode: Int
    public var reasonPhrase: String
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(statusCode: Int, reasonPhrase: String, headers: SIPHeaders, body: [UInt8] = []) {
        self.statusCode = statusCode
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
    }

    public var isProvisional: Bool { statusCode < 200 }
    public var isSuccess: Bool { (200..<300).contains(statusCode) }
}

/// Either kind of SIP message, as the parser returns it.
public enum SIPMessage: Hashable, Sendable {
    case request(SIPRequest)
    case response(SIPResponse)

    public var headers: SIPHeaders {
        switch self {
        case .request(let request): request.headers
        case .response(let response): response.headers
        }
    }

    public var body: [UInt8] {
        switch self {
        case .request(let request): request.body
        case .response(let response): response.body
        }
    }

    public var request: SIPRequest? {
        if case .request(let request) = self { return request }
        return nil
    }

    public var response: SIPResponse? {
        if case .response(let response) = self { return response }
        return nil
    }
}
