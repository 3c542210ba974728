import Conversation
import Media
import Net
import Orchestrator
import Speech
import SwitchboardTesting
import Testing
@testable import Telephony

/// The `CallTransport` face of a stream: audio and marks go through the media clock, hang-up stops the
/// stream (RTCP BYE, sockets closed) and runs the SIP side's closure exactly as asked.
@Suite struct RTPCallTransportTests {
    @Test func transportQueuesAudioAndMarksAndHangUpStopsTheStreamAndCallsBack() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-transport")
        let loop = group.loops[0]
        let capture = PacketCapture()
        let recorder = StreamRecorder()
        let hangUps = Guarded<[SessionEndReason]>([])
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop, handler: capture) }
        let transport = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: 36_000...36_999)
            recorder.stream.withLock { $0 = stream }
            stream.start(RTPMediaParameters(codec: .pcmu, remote: peer.localAddress), delegate: recorder)
            let transport = RTPCallTransport(stream: stream) { reason in hangUps.withLock { $0.append(reason) } }
            transport.send(audio: AudioChunk(format: AudioFormat(encoding: .linear16, sampleRate: .hz16000),
                                             bytes: [UInt8](repeating: 0, count: 640 * 3)))  // 60 ms at 16 kHz
            transport.sendMark(MarkID(7))
            return transport
        }
        #expect(try await recorder.log.first(within: 10, "mark") == .mark(MarkID(7), packetsSent: 3))
        try await loop.submit { transport.hangUp(.agentEnded) }
        #expect(hangUps.value == [.agentEnded])
        let stopped = try await loop.submit { () -> Int in
            transport.send(audio: AudioChunk(format: .telephony, bytes: [UInt8](repeating: 0xFF, count: 1600)))
            return transport.stream.statistics.packetsSent
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(try await loop.submit { transport.stream.statistics.packetsSent } == stopped)
        try await loop.submit { peer.close() }
        await group.shutdownGracefully()
    }
}
