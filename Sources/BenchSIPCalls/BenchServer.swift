import Agents
import Net
import Orchestrator
import SIP
import Speech
import SwitchboardTesting
import Synchronization
import Telephony

/// Fresh fakes per call: STT that never transcribes, an LLM that never answers, and TTS that answers at
/// once with 200 ms of audio per character: a long greeting (the concurrency bench) is a minute of audio,
/// which the RTP stream paces out at real time for the whole measurement (the agent talks, the client
/// talks); a short one (the setup bench) is "Hi." (0.6 s).
struct BenchProvidersFactory: CallProvidersFactory {
    func providers(for agent: AgentConfig) throws -> CallProviders {
        CallProviders(speechToText: FakeSpeechToText(), languageModel: FakeLanguageModel(),
                      textToSpeech: FakeTextToSpeech(behavior: .immediate(perCharacter: .milliseconds(200))))
    }
}

/// The RTP call media factory, keeping every call's media so the bench can read the streams' counters.
final class KeepingMediaFactory: SIPCallMediaFactory {
    let factory = RTPCallMediaFactory(host: "127.0.0.1", ports: 20_000...59_999)
    let streams = Mutex<[RTPMediaStream]>([])
    func open(on loop: EventLoop) throws -> any SIPCallMedia {
        let media = try factory.open(on: loop)
        if let rtp = media as? RTPCallMedia { streams.withLock { $0.append(rtp.stream) } }
        return media
    }
}

/// The in-process server: a SIP user agent on one loop (its calls' sessions and RTP streams on the same
/// loop, as in `serve`), one trunk admitting loopback, one agent with the fakes above.
struct BenchServer {
    let group: EventLoopGroup
    let service: SIPService
    let address: SocketAddress
    let media: KeepingMediaFactory

    static func start(maxCalls: Int, longGreeting: Bool) async throws -> BenchServer {
        let group = try EventLoopGroup(loopCount: 1, name: "bench-sip-ua")
        let trunk = SIPTrunk(name: "bench", allow: [IPNetwork(parsing: "127.0.0.1/32")!],
                             routes: [SIPTrunk.Route(user: "agent", agent: "bench")])
        let config = SIPConfig(listen: SIPConfig.Listen(udp: ListenAddress(host: "127.0.0.1", port: 0), tcp: nil, tls: nil),
                               codecs: [.pcmu, .pcma], ringMilliseconds: 0, trunks: [trunk])
        let greeting = longGreeting ? String(repeating: "talking ", count: 40) : "Hi."  // 320 characters: 64 s of audio
        let agent = AgentConfig(name: "bench", greeting: TextTemplate(greeting), stt: [STTProviderConfig(kind: .deepgram)],
                                llm: [LLMProviderConfig(kind: .openai)], tts: [TTSProviderConfig(kind: .cartesia)])
        let deployment = Deployment(serverConfigPath: "bench.yaml", server: ServerConfig(sip: config), agents: ["bench": agent])
        let context = MediaEndpointContext(deployment: deployment, providers: BenchProvidersFactory(),
                                           observers: CallObservers(), registry: CallRegistry(maximumCalls: maxCalls))
        let media = KeepingMediaFactory()
        let service = SIPService(settings: SIPUserAgentSettings(config: config, media: media), context: context, loop: group.next())
        let bound = try await service.start()
        return BenchServer(group: group, service: service, address: bound.udp!, media: media)
    }

    func stop() async {
        await service.drain(deadline: .zero)
        await group.shutdownGracefully()
    }

    /// Counters summed over every call's RTP stream, read on the loop.
    func streamTotals() async throws -> RTPStreamStatistics {
        let streams = media.streams.withLock { $0 }
        let loop = group.loops[0]
        return try await loop.submit {
            var total = RTPStreamStatistics()
            for stream in streams {
                let stats = stream.statistics
                total.packetsSent += stats.packetsSent
                total.packetsReceived += stats.packetsReceived
                total.framesDelivered += stats.framesDelivered
                total.framesConcealed += stats.framesConcealed
                total.sendsFailed += stats.sendsFailed
                total.jitterBuffer.late += stats.jitterBuffer.late
            }
            return total
        }
    }
}
