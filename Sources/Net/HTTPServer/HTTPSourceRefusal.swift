/// The handler of a connection refused by the per-source limits: before reading anything it writes
/// `429 Too Many Requests` with `Retry-After` (plain HTTP only; `answers` false just closes, as for a
/// TLS listener where an answer would need a handshake) and closes after the flush. Net's close reads
/// and discards until the peer's FIN, so a request already sent cannot turn the answer into an RST.
final class HTTPSourceRefusalHandler: ConnectionHandler {
    let connection: any Connection
    let retryAfterSeconds: Int
    let answers: Bool

    init(connection: any Connection, retryAfterSeconds: Int, answers: Bool) {
        self.connection = connection
        self.retryAfterSeconds = retryAfterSeconds
        self.answers = answers
    }

    func connectionActive() {
        if answers { connection.write(Self.response(retryAfterSeconds: retryAfterSeconds)) }
        connection.close(.afterFlush)
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {}

    func connectionClosed(_ reason: CloseReason) {}

    /// RFC 6585 §4: 429 Too Many Requests, with RFC 9110 §10.2.3 Retry-After.
    static func response(retryAfterSeconds: Int) -> String {
        "HTTP/1.1 429 Too Many Requests\r\nRetry-After: \(retryAfterSeconds)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    }
}

/// Wraps the handler of an admitted connection to give its source's slot back when it closes (whatever
/// layer, TLS or not, sits in between); forwards every event unchanged.
final class SourceReleasingHandler: ConnectionHandler {
    let inner: any ConnectionHandler
    let release: () -> Void

    init(wrapping inner: any ConnectionHandler, release: @escaping () -> Void) {
        self.inner = inner
        self.release = release
    }

    func connectionActive() { inner.connectionActive() }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) { inner.connectionReceived(bytes) }
    func connectionInputEnded() { inner.connectionInputEnded() }
    func connectionWritable() { inner.connectionWritable() }

    func connectionClosed(_ reason: CloseReason) {
        release()
        inner.connectionClosed(reason)
    }
}
