import Conversation
import Media
import Net
import Speech

/// The loop-confined state behind an `RTPMediaStream` handle: sockets, outbound timeline and queue,
/// jitter buffer and statistics. Lives in `LoopLocalMedia` from `open` until the handle goes away.
/// Inbound is in `+Inbound`, outbound pacing in `+Outbound`, RTCP in `+RTCP`.
final class RTPStreamCore: MediaClockClient {
    /// Samples per 20 ms tick at the G.711 clock.
    static let unitsPerTick = 160
    /// Opus encoder settings for agent speech: 24 kb/s wideband voice (RFC 7587 §3.1.1 calls 16-20
    /// kb/s wideband speech "good"; a little more keeps synthetic voices clean), complexity 5, in-band
    /// FEC on with 5 % expected loss so the peer can rebuild a lost packet.
    static let opusEncoding = Opus.Encoder.Configuration(bitsPerSecond: 24_000, complexity: 5, inbandFEC: true,
                                                         expectedPacketLossPercent: 5)
    /// RFC 3550 §6.2: the minimum RTCP interval is 5 s (250 ticks).
    static let rtcpIntervalTicks = 250

    let loop: EventLoop
    let id: UInt64
    let rtpSocket: UDPSocket
    var rtcpSocket: UDPSocket?
    let clock: MediaClock
    weak var delegate: (any RTPMediaStreamDelegate)?
    var parameters: RTPMediaParameters?
    var stats = RTPStreamStatistics()
    var stopped = false
    var tickCount = 0

    // Outbound (RFC 3550 §5.1: random initial sequence and timestamp, random SSRC).
    let ssrc: UInt32
    var sequence: UInt16
    var timestamp: UInt32
    var inTalkspurt = false
    var queue: RTPOutboundQueue
    var transcoder: AudioChunkTranscoder
    var packet: [UInt8]
    var frameBytes: [UInt8]
    /// Opus only: the stream's encoder (made once when Opus starts) and its reusable packet buffer.
    var opusEncoder: Opus.Encoder?
    var opusPacket: [UInt8]
    var dtmf: TelephoneEventSender?
    var pendingDigits: [DTMFDigit] = []

    // Inbound.
    let parser = RTPPacketParser()
    var jitter = JitterBuffer()
    var receiveStatistics = RTPReceiveStatistics()
    var events = TelephoneEventReceiver()
    var inboundFrame = AudioFrame.silence(.hz8000)
    var deliveredFrame = AudioFrame.silence(.hz8000)
    var resampler: Resampler?
    /// Opus only: decodes straight to the delivered rate, and conceals gaps (PLC).
    var opusDecoder: Opus.Decoder?
    var payloadScratch: [UInt8]
    var remoteSSRC: UInt32?
    var latchedSource: SocketAddress?
    var latchedRTCPSource: SocketAddress?
    var ticksSinceInbound = 0
    var timeoutReported = false

    // RTCP.
    var ticksUntilReport = 0
    var lastSenderReport: (compact: UInt32, tick: Int)?

    init(loop: EventLoop, id: UInt64, rtpSocket: UDPSocket, rtcpSocket: UDPSocket, clock: MediaClock) {
        self.loop = loop
        self.id = id
        self.rtpSocket = rtpSocket
        self.rtcpSocket = rtcpSocket
        self.clock = clock
        var random = SystemRandomNumberGenerator()
        ssrc = random.next()
        sequence = random.next()
        timestamp = random.next()
        queue = RTPOutboundQueue(frameBytes: Self.unitsPerTick, silenceCode: RTPAudioCodec.pcmu.silenceCode)
        transcoder = AudioChunkTranscoder(codec: .pcmu)
        packet = [UInt8](repeating: 0, count: RTPHeader.fixedByteCount + JitterBufferConfiguration.defaultMaximumPayloadBytes)
        frameBytes = []
        frameBytes.reserveCapacity(RTPAudioCodec.opus.queuedFrameBytes)
        opusPacket = [UInt8](repeating: 0, count: Opus.maximumPacketBytes)
        payloadScratch = []
        payloadScratch.reserveCapacity(JitterBufferConfiguration.defaultMaximumPayloadBytes)
        rtpSocket.handler = RTPSocketReceiver(core: self, isRTCPSocket: false)
        rtcpSocket.handler = RTPSocketReceiver(core: self, isRTCPSocket: true)
    }

    var currentStatistics: RTPStreamStatistics {
        var result = stats
        result.jitterBuffer = jitter.counters
        result.cumulativeLost = receiveStatistics.cumulativeLost
        result.interarrivalJitter = receiveStatistics.jitter
        return result
    }

    /// Where RTP goes: the latched source (symmetric RTP) or the SDP address.
    var destination: SocketAddress? { latchedSource ?? parameters?.remote }

    func start(_ parameters: RTPMediaParameters, delegate: any RTPMediaStreamDelegate) {
        guard !stopped, self.parameters == nil else { return }
        self.delegate = delegate
        apply(parameters, previous: nil)
        ticksUntilReport = Int.random(in: Self.rtcpIntervalTicks / 2...Self.rtcpIntervalTicks * 3 / 2)
        clock.register(self)
    }

    func update(_ parameters: RTPMediaParameters) {
        guard !stopped, let previous = self.parameters else { return }
        apply(parameters, previous: previous)
    }

    private func apply(_ new: RTPMediaParameters, previous: RTPMediaParameters?) {
        parameters = new
        if previous?.codec != new.codec {
            if let previous, previous.codec != .opus, new.codec != .opus {
                queue.transcode(new.codec == .pcmu ? { MuLaw.encode(ALaw.decode($0)) } : { ALaw.encode(MuLaw.decode($0)) },
                                silenceCode: new.codec.silenceCode)
            } else {
                // Into or out of Opus: queued audio is dropped; its marks count as played.
                if previous != nil {
                    queue.clear(reportingMarks: true)
                    reportDueMarks()
                }
                queue = RTPOutboundQueue(frameBytes: new.codec.queuedFrameBytes, silenceCode: new.codec.silenceCode)
            }
            transcoder.codec = new.codec
            jitter.reset()
            if new.codec == .opus, opusEncoder == nil {
                opusEncoder = try? Opus.Encoder(sampleRate: RTPAudioCodec.opus.pcmSampleRate, configuration: Self.opusEncoding)
            } else if new.codec != .opus {
                opusEncoder = nil
            }
        }
        if previous?.jitterBuffer != new.jitterBuffer { jitter = JitterBuffer(configuration: new.jitterBuffer) }
        if previous?.remote != new.remote { latchedSource = nil; latchedRTCPSource = nil }
        configureDecoding(new, previous: previous)
        if !new.direction.receives { jitter.reset() }
        if !new.direction.sends { inTalkspurt = false }
        ticksSinceInbound = 0
        timeoutReported = false
        if new.rtcpMux, let socket = rtcpSocket {
            socket.close()
            rtcpSocket = nil
        }
    }

    /// G.711 decodes at 8 kHz and is resampled to the delivered rate; Opus decodes at the delivered rate.
    private func configureDecoding(_ new: RTPMediaParameters, previous: RTPMediaParameters?) {
        let decodeRate = new.codec == .opus ? new.deliveredSampleRate : .hz8000
        if inboundFrame.sampleRate != decodeRate { inboundFrame = AudioFrame.silence(decodeRate) }
        if new.codec == .opus {
            resampler = nil
            if opusDecoder?.sampleRate != decodeRate { opusDecoder = try? Opus.Decoder(sampleRate: decodeRate) }
        } else {
            opusDecoder = nil
            if new.deliveredSampleRate == .hz8000 {
                resampler = nil
            } else if resampler == nil || deliveredFrame.sampleRate != new.deliveredSampleRate {
                resampler = try? Resampler(from: .hz8000, to: new.deliveredSampleRate)
                deliveredFrame = AudioFrame.silence(new.deliveredSampleRate)
            }
        }
    }

    func mediaClockTick() {
        guard let parameters, !stopped else { return }
        tickCount += 1
        outboundTick(parameters)
        inboundTick(parameters)
        ticksUntilReport -= 1
        if ticksUntilReport <= 0 {
            sendReport(goodbye: false)
            ticksUntilReport = Int.random(in: Self.rtcpIntervalTicks / 2...Self.rtcpIntervalTicks * 3 / 2)
        }
    }

    func stop() {
        guard !stopped else { return }
        if parameters != nil { sendReport(goodbye: true) }
        teardown()
    }

    func socketClosed(_ reason: CloseReason) {
        guard !stopped else { return }
        teardown()
        delegate?.rtpStreamFailed("RTP socket closed: \(reason)")
    }

    private func teardown() {
        stopped = true
        clock.unregister(self)
        rtpSocket.close()
        rtcpSocket?.close()
        queue.clear()
        pendingDigits.removeAll()
        dtmf = nil
    }
}

/// Receives one of a stream's sockets (RTP, or RTCP on port + 1) and hands datagrams to the core.
final class RTPSocketReceiver: DatagramHandler {
    weak var core: RTPStreamCore?
    let isRTCPSocket: Bool

    init(core: RTPStreamCore, isRTCPSocket: Bool) {
        self.core = core
        self.isRTCPSocket = isRTCPSocket
    }

    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        guard let core else { return }
        if isRTCPSocket { core.receiveRTCP(bytes, from: source) } else { core.receiveDatagram(bytes, from: source) }
    }

    func datagramSocketClosed(_ reason: CloseReason) {
        guard !isRTCPSocket, reason != .local else { return }
        core?.socketClosed(reason)
    }
}
