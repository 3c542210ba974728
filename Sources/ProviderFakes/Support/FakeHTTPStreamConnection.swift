import Net
import Wire

/// One connection of a `FakeHTTPStreamServer`, on its loop thread: parses requests with Wire's parser,
/// asks the server's responder for a script and plays it with loop timers. Keep-alive: the next
/// request is answered after the current script ends, unless the reply said `Connection: close`.
final class FakeHTTPStreamConnection: ConnectionHandler {
    private let connection: TCPConnection
    private let server: FakeHTTPStreamServer
    private var parser = HTTPRequestParser()
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var queued: [FakeHTTPRequest] = []
    private var playing = false
    private var playingPath = ""
    private var closedByScript = false
    private var timer: TimerHandle?

    init(connection: TCPConnection, server: FakeHTTPStreamServer) {
        self.connection = connection
        self.server = server
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        parser.append(bytes)
        do {
            while let event = try parser.nextEvent() {
                switch event {
                case .head(let requestHead): head = requestHead; body = []
                case .body(let bytes): body += bytes
                case .end:
                    guard let requestHead = head else { continue }
                    queued.append(FakeHTTPRequest(method: requestHead.method, path: String(requestHead.path),
                                                  query: String(requestHead.query ?? ""), headers: requestHead.headers.map { ($0.name, $0.value) }, body: body))
                    head = nil
                }
            }
        } catch {
            connection.write(Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
            closedByScript = true
            connection.close()
            return
        }
        playNext()
    }

    func connectionClosed(_ reason: CloseReason) {
        timer?.cancel()
        if playing, !closedByScript { server.record(.clientLeftMidReply(path: playingPath)) }
        server.record(.connectionClosed(byClient: !closedByScript))
    }

    private func playNext() {
        guard !playing, !queued.isEmpty else { return }
        let request = queued.removeFirst()
        playing = true
        playingPath = request.path
        server.received(request)
        let reply = server.respond(request)
        guard reply.headDelay == .zero else {
            timer = connection.loop.scheduleLocalTimer(after: reply.headDelay) { [weak self] in self?.sendHead(reply) }
            return
        }
        sendHead(reply)
    }

    private func sendHead(_ reply: FakeHTTPReply) {
        guard connection.isOpen else { return }
        var out: [UInt8] = []
        var head = HTTPResponseHead(status: reply.status, headers: HTTPHeaders(reply.headers.map { ($0.name, $0.value) }))
        head.headers.add(name: "Date", value: "Mon, 30 Nov 2026 09:00:00 GMT")
        try? HTTPSerializer.appendResponseHead(head, framing: .chunked, to: &out)
        connection.write(out)
        play(reply.steps[...], then: reply.closesConnection)
    }

    private func play(_ steps: ArraySlice<FakeHTTPReply.Step>, then closing: Bool) {
        var steps = steps
        while let step = steps.popFirst() {
            guard connection.isOpen else { return }
            switch step {
            case .send(let bytes):
                var chunk: [UInt8] = []
                HTTPSerializer.appendChunk(bytes, to: &chunk)
                connection.write(chunk)
            case .pause(let delay):
                let rest = steps
                timer = connection.loop.scheduleLocalTimer(after: delay) { [weak self] in self?.play(rest, then: closing) }
                return
            case .stall:
                return
            case .disconnect:
                closedByScript = true
                connection.close(.immediately)
                return
            }
        }
        var end: [UInt8] = []
        try? HTTPSerializer.appendLastChunk(to: &end)
        connection.write(end)
        playing = false
        if closing {
            closedByScript = true
            connection.close(.afterFlush)
            return
        }
        playNext()
    }
}
