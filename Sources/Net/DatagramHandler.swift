/// Receives what a `UDPSocket` reads. Every call happens on the socket's loop thread.
public protocol DatagramHandler: AnyObject {
    /// One datagram and where it came from. `bytes` is valid only during the call (it points into the
    /// loop's shared receive slots); copy what you keep.
    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress)
    /// The current `recvmmsg` batch is done: a good place to hand accumulated work across threads once
    /// per batch rather than once per packet.
    func datagramBatchEnded()
    /// The socket closed; called exactly once.
    func datagramSocketClosed(_ reason: CloseReason)
}

extension DatagramHandler {
    public func datagramBatchEnded() {}
    public func datagramSocketClosed(_ reason: CloseReason) {}
}

/// One datagram to send with `UDPSocket.send(batch:)`.
public struct OutgoingDatagram: Sendable {
    public var bytes: [UInt8]
    public var destination: SocketAddress
    public init(_ bytes: [UInt8], to destination: SocketAddress) {
        self.bytes = bytes
        self.destination = destination
    }
}

/// What happened to one outgoing datagram.
public enum DatagramSendOutcome: Sendable, Equatable {
    case sent
    /// The socket's send buffer was full: real-time traffic is dropped, never queued.
    case dropped
    /// Larger than the socket's `maxDatagramSize`: not sent.
    case tooLarge
    /// The socket is closed.
    case closed
    /// The kernel refused it (unreachable network, ...); the socket stays open.
    case failed(SystemError)
}
