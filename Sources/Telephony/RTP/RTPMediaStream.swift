import Conversation
import Media
import Net
import Speech

/// One RTP audio stream of a call (RFC 3550), bound to one event loop: an even UDP port for RTP and
/// the next one for RTCP (or RTP and RTCP on one port when rtcp-mux is negotiated). Inbound packets go
/// through a jitter buffer and come out as 20 ms `AudioFrame`s, one per media-clock tick, to the
/// delegate; RFC 4733 key presses come out as digits. Outbound agent audio is queued and paced by the
/// loop's `MediaClock` with continuous sequence numbers and timestamps, marks are reported once the
/// audio before them has been sent, and DTMF goes out as RFC 4733 events. Sends to where the peer's
/// packets come from (symmetric RTP), RTCP SR/RR every ~5 s and BYE at `stop()`.
///
/// This is a `Sendable` handle: its state lives with the loop thread (`LoopLocalMedia`), and every
/// method must be called on that loop thread (it checks). Dropping the last handle stops the stream.
public final class RTPMediaStream: Sendable {
    public let loop: EventLoop
    /// The bound RTP port (even); RTCP is on `localPort + 1` unless rtcp-mux is in use.
    public let localPort: Int
    /// The bound RTP address.
    public let localAddress: SocketAddress
    let id: UInt64

    private init(loop: EventLoop, localAddress: SocketAddress, id: UInt64) {
        self.loop = loop
        self.localAddress = localAddress
        self.localPort = Int(localAddress.port)
        self.id = id
    }

    deinit {
        let loop = self.loop, id = self.id
        loop.execute { LoopLocalMedia.on(loop).streams.removeValue(forKey: id)?.stop() }
    }

    /// Binds an even port in `ports` (tried from a random start) and the odd port after it, on
    /// `bindHost` (numeric). Loop thread only. Nothing is sent or delivered before `start`.
    public static func open(on loop: EventLoop, bindHost: String, ports: ClosedRange<Int>) throws(RTPStreamError) -> RTPMediaStream {
        let local = LoopLocalMedia.on(loop)
        guard SocketAddress(host: bindHost, port: 0) != nil else { throw RTPStreamError.invalidBindHost(bindHost) }
        let firstEven = ports.lowerBound + ports.lowerBound % 2
        let candidates = stride(from: max(firstEven, 0), to: min(ports.upperBound, 65535), by: 2).map { $0 }
        guard !candidates.isEmpty else { throw RTPStreamError.noFreePort(ports) }
        let start = Int.random(in: 0..<candidates.count)
        for step in 0..<candidates.count {
            let port = candidates[(start + step) % candidates.count]
            guard let rtp = try? UDPSocket.bind(SocketAddress(host: bindHost, port: UInt16(port))!, on: loop) else { continue }
            guard let rtcp = try? UDPSocket.bind(SocketAddress(host: bindHost, port: UInt16(port + 1))!, on: loop) else {
                rtp.close()
                continue
            }
            let id = local.allocateStreamID()
            let core = RTPStreamCore(loop: loop, id: id, rtpSocket: rtp, rtcpSocket: rtcp, clock: local.mediaClock)
            local.streams[id] = core
            return RTPMediaStream(loop: loop, localAddress: rtp.localAddress, id: id)
        }
        throw RTPStreamError.noFreePort(ports)
    }

    private var core: RTPStreamCore? { LoopLocalMedia.on(loop).streams[id] }

    /// Starts media with what offer/answer settled; `delegate` (held weakly) hears frames, digits,
    /// marks, timeouts and failures on the loop thread.
    public func start(_ parameters: RTPMediaParameters, delegate: any RTPMediaStreamDelegate) {
        core?.start(parameters, delegate: delegate)
    }

    /// Applies a re-negotiation (re-INVITE): hold/resume (direction), codec or payload type change, new
    /// remote address. Queued agent audio survives a codec change (transcoded); sequence numbers,
    /// timestamps and SSRC continue.
    public func update(_ parameters: RTPMediaParameters) { core?.update(parameters) }

    /// Queues agent audio (any `AudioFormat`; converted to the stream's codec).
    public func send(audio: AudioChunk) { core?.send(audio: audio) }

    /// Queues a mark behind the audio queued so far; `rtpStreamPlayedMark` reports it once sent.
    public func sendMark(_ mark: MarkID) { core?.sendMark(mark) }

    /// Drops queued audio and marks (barge-in).
    public func clear() { core?.clear() }

    /// Sends a key press as an RFC 4733 event (if telephone-event was negotiated; else counted, not sent).
    /// Agent audio pauses while the event is on the wire.
    public func sendDTMF(_ digit: DTMFDigit) { core?.sendDTMF(digit) }

    /// Sends RTCP BYE, closes the sockets and stops reporting. Idempotent.
    public func stop() { core?.stop() }

    /// Counters so far (after `stop`, the last values).
    public var statistics: RTPStreamStatistics { core?.currentStatistics ?? RTPStreamStatistics() }

    /// Where RTP is sent now (the SDP address, or the latched source), if known.
    public var remoteAddress: SocketAddress? { core?.destination }

    /// Our SSRC.
    public var ssrc: UInt32 { core?.ssrc ?? 0 }
}
