import Conversation
import Net
import Orchestrator
import SIP
import Speech

/// Call media that binds a real UDP port (from a range) and discards what it receives and what the session
/// sends, reporting every mark as played at once. The SIP signalling tests use it (calls ring, answer,
/// hold and hang up with no audio); `serve` uses `RTPCallMedia`.
public final class PlaceholderCallMedia: SIPCallMedia, CallTransport, DatagramHandler {
    public let localPort: UInt16
    public let sessionFormat = AudioFormat(encoding: .linear16, sampleRate: .hz8000)
    public var transport: any CallTransport { self }
    private var socket: UDPSocket?
    private var session: CallSession?
    /// Parameters given by `start` and `update`, in order (for tests and logs).
    public private(set) var history: [SIPMediaParameters] = []
    public private(set) var isStopped = false

    /// Binds the first free even port of `ports` on `host` (numeric). Loop thread only.
    public init(on loop: EventLoop, host: String, ports: ClosedRange<Int>) throws {
        var lastError: (any Error)?
        for port in stride(from: ports.lowerBound + ports.lowerBound % 2, through: ports.upperBound, by: 2) {
            guard let address = SocketAddress(host: host, port: UInt16(port)) else { throw SIPMediaError.unusableHost(host) }
            do {
                let socket = try UDPSocket.bind(address, on: loop)
                self.socket = socket
                self.localPort = socket.localAddress.port
                socket.handler = self
                return
            } catch {
                lastError = error
            }
        }
        throw SIPMediaError.noFreePort(lastError.map { "\($0)" } ?? "empty range")
    }

    public func start(_ parameters: SIPMediaParameters, session: CallSession, delegate: any SIPCallMediaDelegate) throws {
        self.session = session
        history.append(parameters)
    }

    public func update(_ parameters: SIPMediaParameters) { history.append(parameters) }

    public func stop() {
        guard !isStopped else { return }
        isStopped = true
        socket?.close()
        socket = nil
        session = nil
    }

    public func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {}

    public func send(audio: AudioChunk) {}
    public func sendMark(_ mark: MarkID) { session?.assumeIsolated { $0.playoutMarkReached(mark) } }
    public func clear() {}
    public func hangUp(_ reason: SessionEndReason) {}
}

/// Opens `PlaceholderCallMedia` on a host and port range.
public struct PlaceholderCallMediaFactory: SIPCallMediaFactory {
    public var host: String
    public var ports: ClosedRange<Int>

    public init(host: String, ports: ClosedRange<Int>) {
        self.host = host
        self.ports = ports
    }

    public func open(on loop: EventLoop) throws -> any SIPCallMedia {
        try PlaceholderCallMedia(on: loop, host: host, ports: ports)
    }
}
