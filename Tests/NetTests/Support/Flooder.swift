import SwitchboardTesting
import Foundation
@testable import Net

/// Server side of the back-pressure tests: on connect it writes `total` bytes as fast as the connection
/// accepts them, stopping at each `.backPressure` and resuming on `connectionWritable()`.
final class Flooder: ConnectionHandler {
    enum Event: Sendable {
        case active(inode: String)
        case backPressured(queued: Int, readingWatched: Bool)
        case received(total: Int)
        case finishedWriting(maxQueued: Int, writableCalls: Int)
        case closed(CloseReason)
    }

    static let chunk = pattern(64 * 1024)
    let connection: TCPConnection
    let total: Int
    let log: EventLog<Event>
    let closeWhenDone: Bool
    private var sent = 0
    private var finished = false
    private var received = 0
    private var maxQueued = 0
    private var writableCalls = 0

    init(_ connection: TCPConnection, total: Int, closeWhenDone: Bool = true, log: EventLog<Event>) {
        self.connection = connection
        self.closeWhenDone = closeWhenDone
        self.total = total
        self.log = log
    }

    func connectionActive() {
        let link = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(connection.descriptor)")) ?? "?"
        log.record(.active(inode: link))
        pump()
    }

    func connectionWritable() {
        writableCalls += 1
        pump()
    }

    private func pump() {
        while sent < total {
            let size = min(Self.chunk.count, total - sent)
            let status = Self.chunk.withUnsafeBytes { connection.write(UnsafeRawBufferPointer(rebasing: $0[0..<size])) }
            guard status != .closed else { return }
            sent += size
            maxQueued = max(maxQueued, connection.queuedBytes)
            if status == .backPressure {
                log.record(.backPressured(queued: connection.queuedBytes,
                                          readingWatched: connection.registeredInterest.contains(.readable)))
                return
            }
        }
        guard !finished else { return }
        finished = true
        log.record(.finishedWriting(maxQueued: maxQueued, writableCalls: writableCalls))
        if closeWhenDone { connection.close() }
    }

    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {
        received += bytes.count
        log.record(.received(total: received))
    }

    func connectionClosed(_ reason: CloseReason) { log.record(.closed(reason)) }
}

extension Flooder.Event {
    var closeReason: CloseReason? { if case .closed(let reason) = self { reason } else { nil } }
    var inode: String? { if case .active(let inode) = self { inode } else { nil } }
}
