import Conversation
import Media
import Net
import Speech
import SwitchboardTesting
import Testing
@testable import Telephony

/// Opus over RTP (RFC 7587): 48 kHz RTP clock, dynamic payload type, 16 kHz wideband frames both ways,
/// and the decoder's loss concealment for a packet that never came.
@Suite struct RTPMediaStreamOpusTests {
    static let ports = 33_000...33_999
    static let wideband = AudioFormat(encoding: .linear16, sampleRate: .hz16000)

    static func opus(to remote: SocketAddress) -> RTPMediaParameters {
        RTPMediaParameters(codec: .opus, payloadType: 111, remote: remote, deliveredSampleRate: .hz16000)
    }

    /// Two streams on one loop: a 1 kHz tone sent as 16 kHz audio over Opus arrives as 16 kHz frames
    /// holding a 1 kHz tone at about the level sent.
    @Test func twoStreamsCarryAWidebandToneOverOpus() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-opus")
        let loop = group.loops[0]
        let speaker = StreamRecorder(), listener = StreamRecorder(recordsFrames: true)
        let (a, b) = try await loop.submit {
            let a = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            let b = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            a.start(Self.opus(to: b.localAddress), delegate: speaker)
            b.start(Self.opus(to: a.localAddress), delegate: listener)
            a.send(audio: AudioChunk(format: Self.wideband, bytes: Signal.sineLinear16(frequency: 1000, seconds: 1.2, rate: 16000)))
            return (a, b)
        }
        let frames = try await listener.log.collect(40, within: 20, "40 loud frames") { ($0.samples.map(Signal.rms) ?? 0) > 1000 }
        #expect(frames.allSatisfy { $0.samples?.count == 320 })  // 20 ms at 16 kHz
        // Skip the onset (the codec settles in a few frames).
        let samples = frames.dropFirst(5).compactMap(\.samples).flatMap { $0 }
        let level = Signal.rms(samples)
        #expect(abs(level - 8000 / 2.0.squareRoot()) < 8000 / 2.0.squareRoot() * 0.2)  // within ~2 dB
        let tone = Signal.power(of: samples, at: 1000, rate: 16000)
        for other in [500.0, 1500, 2000, 3000, 5000] { #expect(tone > 1000 * Signal.power(of: samples, at: other, rate: 16000)) }
        let stats = try await loop.submit { b.statistics }
        #expect(stats.wrongPayloadSize == 0 && stats.unknownPayloadType == 0 && stats.malformed == 0)
        try await loop.submit { a.stop(); b.stop() }
        await group.shutdownGracefully()
    }

    /// A stream sending to a relay that forwards to a second stream but drops one packet: on the wire
    /// the payload type is the dynamic one, timestamps step 960 (48 kHz, 20 ms) and sequence numbers by
    /// one; the receiver conceals the lost packet with Opus PLC (the tone goes on, not silence).
    @Test func packetsUseTheOpusClockAndALostPacketIsConcealed() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-opus-plc")
        let loop = group.loops[0]
        let speaker = StreamRecorder(), listener = StreamRecorder(recordsFrames: true)
        let relay = DroppingRelay(dropping: 20)
        let (a, b, relaySocket) = try await loop.submit {
            let socket = try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: relay)
            let a = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            let b = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            relay.route.withLock { $0 = (socket, b.localAddress) }
            a.start(RTPMediaParameters(codec: .opus, payloadType: 111, remote: socket.localAddress, latchesToSource: false,
                                       deliveredSampleRate: .hz16000), delegate: speaker)
            b.start(Self.opus(to: socket.localAddress), delegate: listener)
            a.send(audio: AudioChunk(format: Self.wideband, bytes: Signal.sineLinear16(frequency: 1000, seconds: 1.2, rate: 16000)))
            return (a, b, socket)
        }
        let packets = try await relay.log.collect(40, within: 20, "40 Opus packets")
        let headers = packets.compactMap(\.rtp?.header)
        #expect(headers.count == 40)
        #expect(headers.allSatisfy { $0.payloadType == 111 })
        #expect(headers.first?.marker == true && headers.dropFirst().allSatisfy { !$0.marker })
        for (previous, next) in zip(headers, headers.dropFirst()) {
            #expect(next.timestamp &- previous.timestamp == 960)
            #expect(next.sequenceNumber &- previous.sequenceNumber == 1)
        }
        #expect(packets.allSatisfy { $0.payload.count > 10 && $0.payload.count < 200 })  // ~24 kb/s: ~60 bytes
        // Every frame, in order: from the first loud one on, 40 frames hold the tone without a silent
        // hole where packet 20 was lost (silence there would mean no concealment).
        let frames = try await listener.log.collect(55, within: 20, "frames").compactMap(\.samples)
        let levels = frames.map(Signal.rms)
        let onset = try #require(levels.firstIndex { $0 > 1000 })
        #expect(onset < 10)
        #expect(levels[(onset + 3)..<min(levels.count, onset + 43)].allSatisfy { $0 > 1000 })
        let stats = try await loop.submit { b.statistics }
        #expect(stats.framesConcealed >= 1)
        #expect(stats.cumulativeLost == 1)
        try await loop.submit { a.stop(); b.stop(); relaySocket.close() }
        await group.shutdownGracefully()
    }
}

/// A UDP relay that logs every datagram, forwards it to `route`'s target and drops the one with
/// index `dropping` (0-based) instead.
final class DroppingRelay: DatagramHandler, Sendable {
    let log = EventLog<CapturedPacket>()
    let route = Guarded<(socket: UDPSocket, target: SocketAddress)?>(nil)
    let dropping: Int
    private let count = Guarded(0)

    init(dropping: Int) { self.dropping = dropping }

    func datagramReceived(_ bytes: UnsafeRawBufferPointer, from source: SocketAddress) {
        let packet = CapturedPacket(bytes: Array(bytes), source: source, arrival: .now)
        guard packet.rtp != nil else { return }  // RTCP goes to the odd port, not here; ignore anything else
        log.record(packet)
        let index = count.withLock { count in defer { count += 1 }; return count }
        guard index != dropping, let route = route.value else { return }
        _ = route.socket.send(packet.bytes, to: route.target)
    }
}
