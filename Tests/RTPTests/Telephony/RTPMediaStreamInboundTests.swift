import Conversation
import Media
import Net
import Speech
import SwitchboardTesting
import Testing
@testable import Telephony

/// Inbound media: latching, timeout, a two-stream loopback carrying a tone and DTMF.
@Suite struct RTPMediaStreamInboundTests {
    static let ports = 32_000...32_999

    static func rtp(sequence: UInt16, timestamp: UInt32, ssrc: UInt32, payloadType: UInt8 = 0) -> [UInt8] {
        RTPHeader(payloadType: payloadType, sequenceNumber: sequence, timestamp: timestamp, ssrc: ssrc)
            .serialized(payload: [UInt8](repeating: 0xFF, count: 160))
    }

    @Test func sendsToTheSourceOfTheFirstPacketsAndIgnoresAStrangerReusingTheSSRC() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-latch")
        let loop = group.loops[0]
        let capture = PacketCapture(), strangerCapture = PacketCapture()
        let recorder = StreamRecorder()
        let (peer, stranger) = try await loop.submit {
            (try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture), try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: strangerCapture))
        }
        // The SDP named an address nobody listens on (a private address behind NAT, say).
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            stream.start(RTPMediaParameters(codec: .pcmu, remote: SocketAddress(host: "127.0.0.1", port: 9)!), delegate: recorder)
            return stream
        }
        try await loop.submit {
            _ = peer.send(Self.rtp(sequence: 1, timestamp: 0, ssrc: 42), to: stream.localAddress)
            _ = peer.send(Self.rtp(sequence: 2, timestamp: 160, ssrc: 42), to: stream.localAddress)
        }
        try await withTimeout(10, "latching") {
            while try await loop.submit({ stream.remoteAddress }) != peer.localAddress { try await Task.sleep(for: .milliseconds(5)) }
        }
        try await loop.submit {
            _ = stranger.send(Self.rtp(sequence: 3, timestamp: 320, ssrc: 42), to: stream.localAddress)
            stream.send(audio: AudioChunk(format: .telephony, bytes: [UInt8](repeating: 0xFF, count: 320)))
        }
        let packets = try await capture.log.collect(2, within: 10, "audio at the latched peer")
        #expect(packets.allSatisfy { $0.rtp?.header.payloadType == 0 })
        try await withTimeout(10, "stranger rejected") {
            while try await loop.submit({ stream.statistics.rejectedSource }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(try await loop.submit { stream.remoteAddress } == peer.localAddress)
        try await loop.submit { stream.stop(); peer.close(); stranger.close() }
        await group.shutdownGracefully()
    }

    @Test func silenceFromThePeerEndsInOneTimeoutReport() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-timeout")
        let loop = group.loops[0]
        let recorder = StreamRecorder()
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            stream.start(RTPMediaParameters(codec: .pcmu, remote: SocketAddress(host: "127.0.0.1", port: 9)!,
                                            inactivityTimeout: .milliseconds(200)), delegate: recorder)
            return stream
        }
        #expect(try await recorder.log.first(within: 10, "timeout") == .timedOut)
        try await Task.sleep(for: .milliseconds(300))
        try await loop.submit { stream.stop() }
        recorder.log.record(.failed("end of test"))
        #expect(try await recorder.log.first(within: 10, "end") == .failed("end of test"))  // no second timeout
        await group.shutdownGracefully()
    }

    /// Two streams on one loop, each sending to the other: a 1 kHz tone through PCMU arrives as a
    /// 1 kHz tone at the right level, and a key press arrives once.
    @Test func twoStreamsCarryAToneAndADigitEndToEnd() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-pair")
        let loop = group.loops[0]
        let speaker = StreamRecorder(), listener = StreamRecorder(recordsFrames: true)
        let (a, b) = try await loop.submit {
            let a = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            let b = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            a.start(RTPMediaParameters(codec: .pcmu, telephoneEventPayloadType: 101, remote: b.localAddress), delegate: speaker)
            b.start(RTPMediaParameters(codec: .pcmu, telephoneEventPayloadType: 101, remote: a.localAddress), delegate: listener)
            a.send(audio: AudioChunk(format: AudioFormat(encoding: .linear16, sampleRate: .hz8000),
                                     bytes: Signal.sineLinear16(frequency: 1000, seconds: 1)))
            a.sendMark(MarkID(1))
            return (a, b)
        }
        #expect(a.localPort != b.localPort)
        let frames = try await listener.log.collect(40, within: 20, "40 loud frames") { ($0.samples.map(Signal.rms) ?? 0) > 1000 }
        let samples = frames.compactMap(\.samples).flatMap { $0 }
        let level = Signal.rms(samples)
        #expect(abs(level - 8000 / 2.0.squareRoot()) < 300)  // µ-law keeps the level within ~0.5 dB
        let tone = Signal.power(of: samples, at: 1000)
        for other in [500.0, 1500, 2000, 3000] { #expect(tone > 1000 * Signal.power(of: samples, at: other)) }
        try await loop.submit { a.sendDTMF(.star) }
        #expect(try await listener.log.first(within: 10, "digit") { if case .digit = $0 { true } else { false } } == .digit(.star))
        try await Task.sleep(for: .milliseconds(200))
        let stats = try await loop.submit { b.statistics }
        #expect(stats.digitsReceived == 1)
        #expect(stats.unknownPayloadType == 0 && stats.malformed == 0)
        try await loop.submit { a.stop(); b.stop() }
        await group.shutdownGracefully()
    }
}
