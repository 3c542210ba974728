import Net

extension FakeHTTPStreamServer {
    /// A `FakeHTTPStreamServer` for an HTTP TTS fake: each request is logged to `log` as a
    /// `FakeTTSRequest` before `respond` answers it, a client leaving mid-reply is logged as
    /// `.clientClosedEarly`, and every reply closes its connection (`Connection: close`), so one stream
    /// is one connection.
    public static func start(on group: EventLoopGroup, log: FakeTTSLog,
                             respond: @escaping @Sendable (FakeTTSRequest) -> FakeHTTPReply) async throws -> FakeHTTPStreamServer {
        try await start(on: group, observe: { event in
            if case .clientLeftMidReply(let path) = event { log.record(.clientClosedEarly(path: path)) }
        }, respond: { http in
            let request = FakeTTSRequest(http)
            log.record(.request(request))
            var reply = respond(request)
            reply.headers.append(("Connection", "close"))
            return reply
        })
    }
}

extension FakeTTSRequest {
    /// `request` as the TTS log keeps it: header names lower-cased, query and body decoded.
    init(_ request: FakeHTTPRequest) {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.lowercased()] = field.value }
        self.init(method: request.method, path: request.path, query: Self.parseQuery(Substring(request.query)),
                  headers: headers, body: request.bodyText)
    }
}
