import Conversation
import Media
import Net
import Speech
import SwitchboardTesting
import Testing
@testable import Telephony

/// Re-negotiation (hold, resume, codec change) and RTCP on the wire.
@Suite struct RTPMediaStreamUpdateTests {
    static let ports = 34_000...34_999

    @Test func holdStopsSendingButMarksFlowAndResumeStartsAMarkedTalkspurtInTheNewCodec() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-hold")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let parameters = RTPMediaParameters(codec: .pcmu, remote: peer.localAddress)
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            recorder.stream.withLock { $0 = stream }
            var held = parameters
            held.direction = .receiveOnly  // we were put on hold before any audio
            stream.start(held, delegate: recorder)
            stream.send(audio: AudioChunk(format: .telephony, bytes: [UInt8](repeating: 0x00, count: 800)))
            stream.sendMark(MarkID(1))
            return stream
        }
        // On hold the audio plays out unsent, so the mark still comes, with nothing on the wire.
        #expect(try await recorder.log.first(within: 10, "mark on hold") == .mark(MarkID(1), packetsSent: 0))
        try await loop.submit {
            var resumed = parameters
            resumed.codec = .pcma
            resumed.payloadType = 8
            stream.update(resumed)
            // µ-law 0x00 is the most negative code; in A-law it must come out as A-law's, not as 0x00.
            stream.send(audio: AudioChunk(format: .telephony, bytes: [UInt8](repeating: 0x00, count: 320)))
        }
        let packets = try await capture.log.collect(2, within: 10, "audio after resume") { $0.rtp != nil }
        let headers = packets.compactMap(\.rtp?.header)
        #expect(headers.map(\.payloadType) == [8, 8])
        #expect(headers.map(\.marker) == [true, false])
        #expect(packets.allSatisfy { $0.payload.allSatisfy { $0 == ALaw.encode(MuLaw.decode(0x00)) } })
        try await loop.submit { stream.stop(); peer.close() }
        await group.shutdownGracefully()
    }

    @Test func onHoldOrInactiveNoSilencePacketsGoOutWhileTheClockTicks() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-holdsilent")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        for direction in [RTPDirection.receiveOnly, .inactive] {
            let stream = try await loop.submit {
                let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
                stream.start(RTPMediaParameters(codec: .pcmu, remote: peer.localAddress, direction: direction),
                             delegate: recorder)
                return stream
            }
            let start = try await loop.submit { MediaClock.current(on: loop).ticks }
            try await withTimeout(10, "10 media ticks") {
                while try await loop.submit({ MediaClock.current(on: loop).ticks }) < start + 10 {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            #expect(try await loop.submit { stream.statistics.packetsSent } == 0, "\(direction)")
            try await loop.submit { stream.stop() }
        }
        try await loop.submit { peer.close() }
        await group.shutdownGracefully()
    }

    @Test func stopSendsAnRTCPByeWithOurSSRCOnTheMuxedPort() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-bye")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let (stream, ssrc) = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            stream.start(RTPMediaParameters(codec: .pcmu, remote: peer.localAddress, rtcpMux: true), delegate: recorder)
            stream.send(audio: AudioChunk(format: .telephony, bytes: [UInt8](repeating: 0xFF, count: 160)))
            return (stream, stream.ssrc)
        }
        _ = try await capture.log.first(within: 10, "one RTP packet") { $0.rtp?.header.payloadType == 0 }
        let (sent, octets) = try await loop.submit { () -> (Int, Int) in
            let statistics = stream.statistics
            stream.stop()
            return (statistics.packetsSent, statistics.octetsSent)
        }
        let rtcp = try await capture.log.first(within: 10, "RTCP") { (200...204).contains($0.bytes.count > 1 ? $0.bytes[1] : 0) }
        let packets = try RTCPCompoundParser().parse(rtcp.bytes)
        guard case .senderReport(let report) = packets.first else { Issue.record("first RTCP packet is not SR"); return }
        #expect(report.ssrc == ssrc && report.packetCount == sent && report.octetCount == octets)
        #expect(sent >= 1 && octets == 160 * sent)  // the audio packet, then silence packets until the stop
        #expect(packets.contains(.goodbye(RTCPGoodbye(ssrcs: [ssrc]))))
        #expect(packets.contains { if case .sourceDescription(let chunks) = $0 { chunks.first?.items.first == .cname("switchboard") } else { false } })
        try await loop.submit { peer.close() }
        await group.shutdownGracefully()
    }

    @Test func noFreePortInARangeIsATypedError() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-ports")
        let loop = group.loops[0]
        let outcome = try await loop.submit { () -> String in
            let first = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: 35_010...35_011)
            defer { first.stop() }
            do {
                _ = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: 35_010...35_011)
                return "opened twice"
            } catch {
                return "\(error)"
            }
        }
        #expect(outcome == RTPStreamError.noFreePort(35_010...35_011).description)
        let badHost = try await loop.submit { () -> String in
            do { _ = try RTPMediaStream.open(on: loop, bindHost: "not-an-ip", ports: 35_000...35_100); return "opened" } catch { return "\(error)" }
        }
        #expect(badHost == RTPStreamError.invalidBindHost("not-an-ip").description)
        await group.shutdownGracefully()
    }
}
