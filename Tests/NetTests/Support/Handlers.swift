import SwitchboardTesting
import Net
import Foundation

/// Server side: echoes every byte back and reports its close reason and descriptor.
final class EchoHandler: ConnectionHandler {
    /// `active` carries the descriptor and what /proc/self/fd says it is (`socket:[inode]`).
    enum Event: Sendable { case active(fd: Int32, link: String), closed(CloseReason) }
    let connection: TCPConnection
    let log: EventLog<Event>?

    init(_ connection: TCPConnection, log: EventLog<Event>? = nil) {
        self.connection = connection
        self.log = log
    }

    func connectionActive() { log?.record(.active(fd: connection.descriptor, link: descriptorLink(connection.descriptor))) }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) { connection.write(bytes) }
    func connectionClosed(_ reason: CloseReason) { log?.record(.closed(reason)) }
}

/// Client side: gathers received bytes and reports when `expected` bytes have arrived, and the close.
final class CollectingHandler: ConnectionHandler {
    enum Event: Sendable { case active, received([UInt8]), inputEnded, closed(CloseReason) }
    let expected: Int
    let log: EventLog<Event>
    private(set) var bytes: [UInt8] = []

    init(expecting expected: Int, log: EventLog<Event>) {
        self.expected = expected
        self.log = log
    }

    func connectionActive() { log.record(.active) }
    func connectionReceived(_ chunk: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: chunk)
        if bytes.count >= expected, bytes.count - chunk.count < expected { log.record(.received(bytes)) }
    }
    func connectionInputEnded() { log.record(.inputEnded) }
    func connectionClosed(_ reason: CloseReason) { log.record(.closed(reason)) }
}

/// Ignores input; reports the close reason.
final class SilentHandler: ConnectionHandler {
    let onClose: @Sendable (CloseReason) -> Void
    init(onClose: @escaping @Sendable (CloseReason) -> Void = { _ in }) { self.onClose = onClose }
    func connectionReceived(_ bytes: UnsafeRawBufferPointer) {}
    func connectionClosed(_ reason: CloseReason) { onClose(reason) }
}

extension CollectingHandler.Event {
    var isClosed: Bool { if case .closed = self { true } else { false } }
    var receivedBytes: [UInt8]? { if case .received(let bytes) = self { bytes } else { nil } }
    var closeReason: CloseReason? { if case .closed(let reason) = self { reason } else { nil } }
}

extension EchoHandler.Event {
    var closeReason: CloseReason? { if case .closed(let reason) = self { reason } else { nil } }
    var activeDescriptor: Int32? { if case .active(let fd, _) = self { fd } else { nil } }
    var activeLink: String? { if case .active(_, let link) = self { link } else { nil } }
}

/// Deterministic test payload of `count` bytes.
func pattern(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
}

/// What /proc/self/fd says `fd` is (`socket:[inode]` for a socket: unique while it is open).
func descriptorLink(_ fd: Int32) -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "?"
}
