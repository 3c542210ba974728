import SwitchboardTesting
import Net

/// What a plaintext handler above a `TLSConnection` saw.
enum TLSEvent: Sendable, Equatable {
    case active(serverName: String?, version: String)
    case inputEnded
    case closed(CloseReason)
}

/// Echoes plaintext (unless `echo` is off), pausing its input while its output is back-pressured.
final class EchoingTLSHandler: ConnectionHandler {
    let tls: TLSConnection
    let log: EventLog<TLSEvent>
    let echo: Bool

    init(_ tls: TLSConnection, log: EventLog<TLSEvent>, echo: Bool = true) {
        self.tls = tls
        self.log = log
        self.echo = echo
    }

    func connectionActive() { log.record(.active(serverName: tls.requestedServerName, version: tls.negotiatedVersion)) }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        guard echo else { return }
        if tls.write(bytes) == .backPressure { tls.pauseReading() }
    }
    func connectionWritable() { tls.resumeReading() }
    func connectionInputEnded() { log.record(.inputEnded) }
    func connectionClosed(_ reason: CloseReason) { log.record(.closed(reason)) }
}

/// Answers the first request head with a fixed HTTP/1.1 response, then closes (close_notify, FIN).
final class FixedHTTPResponder: ConnectionHandler {
    static let body = "hello from switchboard\n"
    let tls: TLSConnection
    private var request: [UInt8] = []

    init(_ tls: TLSConnection) { self.tls = tls }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        request.append(contentsOf: bytes)
        guard request.count >= 4, request.suffix(4).elementsEqual([13, 10, 13, 10]) else { return }
        tls.write("HTTP/1.1 200 OK\r\nContent-Length: \(Self.body.utf8.count)\r\nConnection: close\r\n\r\n\(Self.body)")
        tls.close()
    }
    func connectionClosed(_ reason: CloseReason) {}
}

/// Writes `payload` in 64 KiB pieces as fast as back-pressure allows and checks the echo.
final class BulkTLSClient: ConnectionHandler {
    struct Outcome: Sendable { let echoedIntact: Bool; let backPressureSeen: Bool }
    static let pieceBytes = 64 * 1024
    let tls: TLSConnection
    let payload: [UInt8]
    let log: EventLog<Outcome>
    private var sent = 0
    private var received: [UInt8] = []
    private var backPressureSeen = false

    init(_ tls: TLSConnection, payload: [UInt8], log: EventLog<Outcome>) {
        self.tls = tls
        self.payload = payload
        self.log = log
        received.reserveCapacity(payload.count)
    }

    func connectionActive() { pump() }
    func connectionWritable() { pump() }

    private func pump() {
        while sent < payload.count {
            let end = min(payload.count, sent + Self.pieceBytes)
            let status = payload[sent..<end].withUnsafeBytes { tls.write($0) }
            sent = end
            if status == .backPressure {
                backPressureSeen = true
                return
            }
            if status == .closed { return }
        }
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        received.append(contentsOf: bytes)
        guard received.count >= payload.count else { return }
        log.record(Outcome(echoedIntact: received == payload, backPressureSeen: backPressureSeen))
        tls.close()
    }

    func connectionClosed(_ reason: CloseReason) {
        if received.count < payload.count { log.record(Outcome(echoedIntact: false, backPressureSeen: backPressureSeen)) }
    }
}
