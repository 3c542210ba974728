/// The consumer of one byte-stream connection (HTTP, WebSocket, a TLS layer, a test). Every call
/// happens on the connection's loop thread, never re-entrantly from inside the connection's own methods:
/// a close caused by a write is reported on the next turn.
public protocol ConnectionHandler: AnyObject {
    /// The connection is established (right after accept, or when a client connect completes).
    func connectionActive()
    /// Bytes arrived. `bytes` is valid only during the call (it points into the loop's shared read
    /// buffer); copy what you keep.
    func connectionReceived(_ bytes: UnsafeRawBufferPointer)
    /// The peer finished sending (end of stream). Unless half-closure is allowed, the connection then
    /// flushes what is queued and closes.
    func connectionInputEnded()
    /// The write queue drained below its low-water mark after a write reported `.backPressure`.
    func connectionWritable()
    /// The connection closed; called exactly once, last.
    func connectionClosed(_ reason: CloseReason)
}

extension ConnectionHandler {
    public func connectionActive() {}
    public func connectionInputEnded() {}
    public func connectionWritable() {}
}

/// What a write did with the bytes.
public enum WriteStatus: Sendable, Equatable {
    /// Sent or queued; keep writing.
    case accepted
    /// Queued, but the queue is above its high-water mark: stop producing until `connectionWritable()`.
    /// The connection stops reading meanwhile, so a slow reader throttles its own input.
    case backPressure
    /// Dropped: the connection is closed or closing.
    case closed
}

/// How `close` treats queued output.
public enum CloseMode: Sendable {
    /// Stop reading, send what is queued, then close (bounded by the idle timeout).
    case afterFlush
    /// Close now, dropping queued output.
    case immediately
}

/// A byte stream a handler writes to. `TCPConnection` is one; a TLS layer is another that wraps a
/// `Connection` (handling its bytes as a `ConnectionHandler`) and offers the decrypted stream upward,
/// so HTTP and WebSocket code runs unchanged over either. Loop thread only.
public protocol Connection: AnyObject {
    var loop: EventLoop { get }
    var isOpen: Bool { get }
    /// False while output is above the high-water mark.
    var isWritable: Bool { get }
    var remoteAddress: SocketAddress? { get }
    var localAddress: SocketAddress? { get }
    @discardableResult func write(_ bytes: UnsafeRawBufferPointer) -> WriteStatus
    /// Flushes what is queued, then shuts down the sending side (half-close); reading goes on.
    func shutdownOutput()
    func close(_ mode: CloseMode)
    /// Stops delivering input until `resumeReading()` (independent of back-pressure).
    func pauseReading()
    func resumeReading()
}

extension Connection {
    @discardableResult
    public func write(_ bytes: [UInt8]) -> WriteStatus { bytes.withUnsafeBytes { write($0) } }
    @discardableResult
    public func write(_ text: String) -> WriteStatus {
        var text = text
        return text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }
    public func close() { close(.afterFlush) }
}
