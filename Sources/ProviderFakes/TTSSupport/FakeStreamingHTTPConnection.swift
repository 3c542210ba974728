import Net
import Wire

/// One connection of `FakeStreamingHTTPServer`: reads one request, asks the responder, plays the reply
/// with loop timers, and logs a client that leaves before the reply is complete. Loop thread only.
final class FakeStreamingHTTPConnection: ConnectionHandler {
    private let connection: TCPConnection
    private let log: FakeTTSLog
    private let respond: FakeStreamingHTTPServer.Responder
    private var parser = HTTPRequestParser()
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var path = ""
    /// True from the request's end until the reply ended (complete or deliberate disconnect).
    private var replying = false
    private var timer: TimerHandle?

    init(connection: TCPConnection, log: FakeTTSLog, respond: @escaping FakeStreamingHTTPServer.Responder) {
        self.connection = connection
        self.log = log
        self.respond = respond
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        guard !replying else { return }
        parser.append(bytes)
        do {
            while let event = try parser.nextEvent() {
                switch event {
                case .head(let requestHead): head = requestHead
                case .body(let piece): body += piece
                case .end: requestComplete()
                }
            }
        } catch {
            connection.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            connection.close(.afterFlush)
        }
    }

    func connectionClosed(_ reason: CloseReason) {
        timer?.cancel()
        timer = nil
        if replying { log.record(.clientClosedEarly(path: path)) }
        replying = false
    }

    private func requestComplete() {
        guard let head, !replying else { return }
        path = String(head.path)
        var headers: [String: String] = [:]
        for field in head.headers { headers[field.name.lowercased()] = field.value }
        let request = FakeTTSRequest(method: head.method, path: path, query: FakeTTSRequest.parseQuery(head.query),
                                     headers: headers, body: String(decoding: body, as: UTF8.self))
        log.record(.request(request))
        let reply = respond(request)
        replying = true
        after(reply.firstDelay) { [weak self] in self?.sendHead(reply) }
    }

    private func sendHead(_ reply: FakeTTSHTTPReply) {
        var text = "HTTP/1.1 \(reply.status) \(HTTPStatus.reasonPhrase(for: reply.status))\r\n"
        for (name, value) in reply.headers { text += "\(name): \(value)\r\n" }
        text += "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        connection.write(text)
        sendPiece(reply, index: 0)
    }

    private func sendPiece(_ reply: FakeTTSHTTPReply, index: Int) {
        switch reply.ending {
        case .stall(let after) where index >= after:
            return  // keep the connection open, send nothing more
        case .disconnect(let after) where index >= after:
            replying = false
            connection.close(.immediately)
            return
        default:
            break
        }
        guard index < reply.pieces.count else {
            var out: [UInt8] = []
            try? HTTPSerializer.appendLastChunk(to: &out)
            connection.write(out)
            replying = false
            connection.close(.afterFlush)
            return
        }
        var out: [UInt8] = []
        HTTPSerializer.appendChunk(reply.pieces[index], to: &out)
        connection.write(out)
        after(reply.interval) { [weak self] in self?.sendPiece(reply, index: index + 1) }
    }

    private func after(_ delay: Duration, _ body: @escaping () -> Void) {
        if delay == .zero {
            body()
        } else {
            timer = connection.loop.scheduleLocalTimer(after: delay, body)
        }
    }
}
