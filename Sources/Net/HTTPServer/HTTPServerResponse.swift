import Wire

/// What a route handler answers: status, header fields and the whole body. The server adds
/// `Content-Length`, `Connection`, `Server` and `Date`; a HEAD request gets the head only.
public struct HTTPServerResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: Int = 200) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An error answer with a one-line plain-text body naming the status.
    public static func status(_ status: Int, headers extra: HTTPHeaders = HTTPHeaders()) -> HTTPServerResponse {
        var response = text("\(status) \(HTTPStatus.reasonPhrase(for: status))\n", status: status)
        for field in extra { response.headers.add(name: field.name, value: field.value) }
        return response
    }
}
