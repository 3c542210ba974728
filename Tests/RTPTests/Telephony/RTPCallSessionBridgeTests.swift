import Conversation
import Media
import Net
import Orchestrator
import Speech
import SwitchboardTesting
import Testing
@testable import Telephony

/// A real `CallSession` on the stream's loop: inbound RTP reaches the session's STT on the loop thread
/// (no hop), and the session's hang-up reaches the SIP side's closure through `RTPCallTransport`.
@Suite struct RTPCallSessionBridgeTests {
    @Test func inboundRTPReachesTheSessionsSTTOnTheLoopThreadAndHangUpReachesTheSIPSide() async throws {
        let group = try EventLoopGroup(loopCount: 1, name: "t-rtp-session")
        let loop = group.loops[0]
        let stt = FakeSpeechToText()
        let hangUps = Guarded<[SessionEndReason]>([])
        let peer = try await loop.submit { try UDPSocket.bind(.loopbackIPv4(), on: loop) }
        let (stream, session, bridge) = try await loop.submit {
            let stream = try RTPMediaStream.open(on: loop, bindHost: "127.0.0.1", ports: 37_000...37_999)
            let transport = RTPCallTransport(stream: stream) { reason in hangUps.withLock { $0.append(reason) } }
            let configuration = CallSessionConfiguration(
                callID: "rtp-1", agentName: "ada", turn: TurnSettings(systemPrompt: "You are Ada."),
                transcription: TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz8000)),
                outputFormat: .telephony)
            let session = CallSession(configuration: configuration,
                                      providers: CallProviders(speechToText: stt, languageModel: FakeLanguageModel(),
                                                               textToSpeech: FakeTextToSpeech()),
                                      transport: transport, voiceActivity: nil, executor: loop)
            let bridge = RTPCallSessionBridge(session: session) { _ in }
            stream.start(RTPMediaParameters(codec: .pcmu, remote: peer.localAddress), delegate: bridge)
            session.assumeIsolated { $0.answer() }
            return (stream, session, bridge)
        }
        let transcription = try await stt.session(0)
        try await loop.submit {
            for index in 0..<20 {
                let packet = RTPHeader(payloadType: 0, sequenceNumber: UInt16(index), timestamp: UInt32(index * 160), ssrc: 5)
                    .serialized(payload: [UInt8](repeating: 0x10, count: 160))
                _ = peer.send(packet, to: stream.localAddress)
            }
        }
        try await withTimeout(10, "frames at STT") { try await transcription.waitForFrames(10) }
        let loopThread = try await loop.submit { CurrentThread.id }
        #expect(transcription.sendThreads == [loopThread])
        await session.terminate(.serverShutdown)
        try await withTimeout(10, "hang-up") {
            while hangUps.value.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(hangUps.value == [.serverShutdown])
        _ = bridge
        try await loop.submit { peer.close() }
        await group.shutdownGracefully()
    }
}
