import Conversation
import Media
import Net
import Speech
import SwitchboardTesting
import Testing
@testable import Telephony

/// Our outbound stream, captured by a raw UDP peer and checked packet by packet.
@Suite struct RTPMediaStreamOutboundTests {
    static let ports = 31_000...31_999

    static func mulawTone(seconds: Double) -> AudioChunk {
        AudioChunk(format: AudioFormat(encoding: .linear16, sampleRate: .hz8000),
                   bytes: Signal.sineLinear16(frequency: 1000, seconds: seconds))
    }

    @Test func oneSecondOfAudioLeavesAsFiftyPacedPacketsWithContinuousHeadersThenTheMark() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-out")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            recorder.stream.withLock { $0 = stream }
            stream.start(RTPMediaParameters(codec: .pcmu, remote: peer.localAddress), delegate: recorder)
            stream.send(audio: Self.mulawTone(seconds: 1))
            stream.sendMark(MarkID(1))
            return stream
        }
        #expect(stream.localPort % 2 == 0 && Self.ports.contains(stream.localPort))
        let packets = try await capture.log.collect(50, within: 20, "50 RTP packets") { $0.rtp != nil }
        let headers = packets.compactMap { $0.rtp?.header }
        #expect(packets.allSatisfy { $0.source.port == UInt16(stream.localPort) })  // symmetric: sent from our port
        #expect(headers.allSatisfy { $0.payloadType == 0 && $0.ssrc == headers[0].ssrc })
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.sequenceNumber == $0.sequenceNumber &+ 1 })
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.timestamp == $0.timestamp &+ 160 })
        #expect(headers.map(\.marker) == [true] + Array(repeating: false, count: 49))
        #expect(packets.allSatisfy { $0.payload.count == 160 })
        // Paced, not a burst: 49 intervals of 20 ms take most of a second (a loose floor, not a speed check).
        let span = packets[49].arrival - packets[0].arrival
        #expect(span > .milliseconds(700))
        let mark = try await recorder.log.first(within: 10, "mark") { if case .mark = $0 { true } else { false } }
        #expect(mark == .mark(MarkID(1), packetsSent: 50))
        try await loop.submit { stream.stop(); peer.close() }
        await group.shutdownGracefully()
    }

    @Test func withSilenceSuppressionTimestampsContinueAcrossTheGapAndTheNextTalkspurtIsMarked() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-gap")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            recorder.stream.withLock { $0 = stream }
            stream.start(RTPMediaParameters(codec: .pcma, remote: peer.localAddress, silencePolicy: .none), delegate: recorder)
            stream.send(audio: Self.mulawTone(seconds: 0.1))
            stream.sendMark(MarkID(1))
            return stream
        }
        _ = try await recorder.log.first(within: 10, "first mark") { $0 == .mark(MarkID(1), packetsSent: 5) }
        let skippedBefore = try await loop.submit { MediaClock.current(on: loop).skippedTicks }
        try await Task.sleep(for: .milliseconds(200))  // a silence gap of real time, which timestamps must cover
        try await loop.submit {
            stream.send(audio: Self.mulawTone(seconds: 0.1))
            stream.sendMark(MarkID(2))
        }
        _ = try await recorder.log.first(within: 10, "second mark") { if case .mark(MarkID(2), _) = $0 { true } else { false } }
        let headers = try await capture.log.collect(10, within: 10, "10 packets") { $0.rtp != nil }.compactMap { $0.rtp?.header }
        #expect(headers.allSatisfy { $0.payloadType == 8 })
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.sequenceNumber == $0.sequenceNumber &+ 1 })
        #expect(headers.map(\.marker) == [true, false, false, false, false, true, false, false, false, false])
        let jump = headers[5].timestamp &- headers[4].timestamp
        #expect(jump % 160 == 0)
        // The 200 ms of silence went by in timestamp units (less any ticks a stalled machine skipped).
        let skipped = try await loop.submit { MediaClock.current(on: loop).skippedTicks } - skippedBefore
        #expect(Int(jump) + 160 * skipped >= 160 * 10)
        try await loop.submit { stream.stop(); peer.close() }
        await group.shutdownGracefully()
    }

    /// Packets up to and including the second one carrying the marker bit.
    static func packetsThroughSecondTalkspurt(_ capture: PacketCapture) async throws -> [CapturedPacket] {
        let stream = capture.log.stream
        return try await withTimeout(10, "second talkspurt") {
            var packets: [CapturedPacket] = []
            for await packet in stream where packet.rtp != nil {
                packets.append(packet)
                if packets.count > 1, packet.rtp!.header.marker { return packets }
            }
            throw TimedOut(what: "second talkspurt")
        }
    }

    @Test func silenceFillsEveryTickBetweenTalkspurtsWithConsecutiveHeadersAndOnlySpeechIsMarked() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-fill")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            recorder.stream.withLock { $0 = stream }
            stream.start(RTPMediaParameters(codec: .pcma, remote: peer.localAddress), delegate: recorder)
            stream.send(audio: Self.mulawTone(seconds: 0.1))
            stream.sendMark(MarkID(1))
            return stream
        }
        _ = try await recorder.log.first(within: 10, "first mark") { $0 == .mark(MarkID(1), packetsSent: 5) }
        // The caller's "monologue": 15 ticks of silence must go out as packets, not as a gap.
        let start = try await loop.submit { MediaClock.current(on: loop).ticks }
        try await withTimeout(10, "15 media ticks") {
            while try await loop.submit({ MediaClock.current(on: loop).ticks }) < start + 15 {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        try await loop.submit { stream.send(audio: Self.mulawTone(seconds: 0.1)) }
        let packets = try await Self.packetsThroughSecondTalkspurt(capture)
        let headers = packets.compactMap { $0.rtp?.header }
        #expect(headers.allSatisfy { $0.payloadType == 8 && $0.ssrc == headers[0].ssrc })
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.sequenceNumber == $0.sequenceNumber &+ 1 })
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.timestamp == $0.timestamp &+ 160 })  // 20 ms each
        #expect(headers.map(\.marker) == [true] + Array(repeating: false, count: headers.count - 2) + [true])
        let silence = packets[5..<(packets.count - 1)]
        #expect(silence.count >= 15)
        #expect(silence.allSatisfy { $0.payload == [UInt8](repeating: 0xD5, count: 160) })  // A-law silence
        #expect(packets.last!.payload != [UInt8](repeating: 0xD5, count: 160))
        try await loop.submit { stream.stop(); peer.close() }
        await group.shutdownGracefully()
    }

    @Test func anIdleStreamSendsMuLawSilenceFromTheStartWithoutAMarker() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-idle")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            stream.start(RTPMediaParameters(codec: .pcmu, remote: peer.localAddress), delegate: recorder)
            return stream
        }
        let packets = try await capture.log.collect(10, within: 10, "10 packets") { $0.rtp != nil }
        let headers = packets.compactMap { $0.rtp?.header }
        #expect(headers.allSatisfy { !$0.marker && $0.payloadType == 0 })
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.sequenceNumber == $0.sequenceNumber &+ 1 })
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.timestamp == $0.timestamp &+ 160 })
        #expect(packets.allSatisfy { $0.payload == [UInt8](repeating: 0xFF, count: 160) })
        try await loop.submit { stream.stop(); peer.close() }
        await group.shutdownGracefully()
    }

    @Test func clearDropsQueuedAudioAndItsMarksButLaterMarksArrive() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-clear")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            recorder.stream.withLock { $0 = stream }
            stream.start(RTPMediaParameters(codec: .pcmu, remote: peer.localAddress), delegate: recorder)
            stream.send(audio: Self.mulawTone(seconds: 5))
            stream.sendMark(MarkID(1))
            return stream
        }
        let firstSequence = try await capture.log.collect(3, within: 10, "3 packets")[0].rtp!.header.sequenceNumber
        try await loop.submit {
            stream.clear()
            stream.sendMark(MarkID(2))
        }
        let mark = try await recorder.log.first(within: 10, "mark after clear") { if case .mark = $0 { true } else { false } }
        guard case .mark(let reported, let sent) = mark else { return }
        #expect(reported == MarkID(2))
        #expect(sent < 200)  // less than the 250 packets of the 5 s that were queued (loose: a loaded machine)
        // Nothing of the dropped audio goes out afterwards: only silence packets, unmarked.
        let later = try await capture.log.collect(5, within: 10, "5 packets after the mark") {
            guard let header = $0.rtp?.header else { return false }
            return Int(header.sequenceNumber &- firstSequence) >= sent
        }
        #expect(later.allSatisfy { $0.payload.allSatisfy { $0 == 0xFF } && $0.rtp?.header.marker == false })
        try await loop.submit { stream.stop(); peer.close() }
        await group.shutdownGracefully()
    }

    @Test func dtmfGoesOutAsOneRFC4733EventWithMarkerSharedTimestampAndThreeEnds() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-dtmf")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let stream = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: Self.ports)
            stream.start(RTPMediaParameters(codec: .pcmu, telephoneEventPayloadType: 101, remote: peer.localAddress), delegate: recorder)
            stream.sendDTMF(.nine)
            return stream
        }
        // 100 ms at 20 ms ticks: start (marker), one update, then the end three times.
        let packets = try await capture.log.collect(5, within: 10, "five telephone-event packets") { $0.rtp?.header.payloadType == 101 }
        let headers = packets.compactMap(\.rtp?.header)
        #expect(headers.map(\.marker) == [true, false, false, false, false])
        #expect(Set(headers.map(\.timestamp)).count == 1)
        #expect(zip(headers, headers.dropFirst()).allSatisfy { $1.sequenceNumber == $0.sequenceNumber &+ 1 })
        #expect(packets.allSatisfy { $0.payload.count == 4 && $0.payload[0] == 9 })
        #expect(packets.map { $0.payload[1] & 0x80 != 0 } == [false, false, true, true, true])
        #expect(packets.suffix(3).allSatisfy { $0.payload[2...3] == [0x03, 0x20] })  // 800 units = 100 ms
        try await loop.submit { stream.stop(); peer.close() }
        await group.shutdownGracefully()
    }
}
