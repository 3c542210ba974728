import Agents
import Net
import Orchestrator
import SIP
import Speech
import SwitchboardTesting
import Synchronization
import Telephony

/// Fresh fakes per call: STT that never transcribes, an LLM that never answers, TTS answering at once.
struct FakeProvidersFactory: CallProvidersFactory {
    func providers(for agent: AgentConfig) throws -> CallProviders {
        CallProviders(speechToText: FakeSpeechToText(), languageModel: FakeLanguageModel(),
                      textToSpeech: FakeTextToSpeech(behavior: .immediate(perCharacter: .milliseconds(1))))
    }
}

/// Keeps every delivered call record.
final class RecordingSink: CallRecordSink {
    let records = ObservationLog<CallRecord>()
    func callEnded(_ record: CallRecord) { records.append(record) }
}

/// Placeholder media that counts how many ports were opened and keeps every call's media.
final class CountingMediaFactory: SIPCallMediaFactory {
    let opened = Mutex(0)
    func open(on loop: EventLoop) throws -> any SIPCallMedia {
        opened.withLock { $0 += 1 }
        return try PlaceholderCallMedia(on: loop, host: "127.0.0.1", ports: 30_000...40_000)
    }
}

/// A running SIP user agent on loopback (UDP and TCP on free ports) with one agent, "tester", and one
/// trunk admitting 127.0.0.1 (or what `allow` says).
struct SIPTestServer: Sendable {
    let group: EventLoopGroup
    let service: SIPService
    let bound: SIPBoundAddresses
    let events: ObservationLog<SIPCallEvent>
    let records: RecordingSink
    let media: CountingMediaFactory
    let registry: CallRegistry

    /// RFC timers shortened tenfold so retransmission tests stay fast.
    static let fastTimers = TransactionTimerValues(t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(500))

    static func start(allow: [String] = ["127.0.0.1/32"], digest: SIPTrunk.Digest? = nil, ringMilliseconds: Int = 0,
                      codecs: [SIPConfig.Codec] = [.pcmu, .pcma], maxCalls: Int = 10,
                      trunkMaxCalls: Int? = nil, tls: TLSServerContext? = nil, registrations: [SIPRegistration] = [],
                      outbound: SIPOutbound? = nil, agent customAgent: AgentConfig? = nil,
                      providers: any CallProvidersFactory = FakeProvidersFactory(),
                      transferURIHeaders: Bool = false, tlsClient: TLSClientContext? = nil,
                      flood: SIPFloodLimit = SIPFloodLimit()) async throws -> SIPTestServer {
        let group = try EventLoopGroup(loopCount: 1, name: "t-sip-ua")
        let trunk = SIPTrunk(name: "carrier", allow: allow.compactMap { IPNetwork(parsing: $0) }, digest: digest, maxCalls: trunkMaxCalls,
                             routes: [SIPTrunk.Route(user: "+15550100", agent: "tester")], outbound: outbound)
        var config = SIPConfig(listen: SIPConfig.Listen(udp: ListenAddress(host: "127.0.0.1", port: 0),
                                                        tcp: ListenAddress(host: "127.0.0.1", port: 0),
                                                        tls: tls == nil ? nil : ListenAddress(host: "127.0.0.1", port: 0)),
                               codecs: codecs, ringMilliseconds: ringMilliseconds, trunks: [trunk], registrations: registrations)
        config.transferURIHeaders = transferURIHeaders
        config.flood = flood
        let agent = customAgent ?? AgentConfig(name: "tester", greeting: TextTemplate("Hi."), stt: [STTProviderConfig(kind: .deepgram)],
                                llm: [LLMProviderConfig(kind: .openai)], tts: [TTSProviderConfig(kind: .cartesia)])
        let deployment = Deployment(serverConfigPath: "test.yaml", server: ServerConfig(sip: config), agents: ["tester": agent])
        let records = RecordingSink()
        let registry = CallRegistry(maximumCalls: maxCalls)
        let context = MediaEndpointContext(deployment: deployment, providers: providers,
                                           observers: CallObservers(records: records), registry: registry)
        let events = ObservationLog<SIPCallEvent>()
        let media = CountingMediaFactory()
        var settings = SIPUserAgentSettings(config: config, media: media, tlsContext: tls, events: { events.append($0) },
                                            timers: fastTimers)
        settings.registration = RegistrationSchedule(initialBackoff: .milliseconds(100), maximumBackoff: .seconds(1))
        settings.transferTimeout = .seconds(2)
        settings.tlsClientContext = tlsClient
        let service = SIPService(settings: settings, context: context, loop: group.next())
        let bound = try await service.start()
        return SIPTestServer(group: group, service: service, bound: bound, events: events, records: records, media: media,
                             registry: registry)
    }

    func stop() async {
        await service.drain(deadline: .zero)
        await group.shutdownGracefully()
    }

    /// Waits for an event matching `predicate`.
    @discardableResult
    func event(_ what: String, _ predicate: @escaping @Sendable (SIPCallEvent) -> Bool) async throws -> SIPCallEvent {
        let items = try await events.wait(timeout: .seconds(10), for: what) { $0.contains(where: predicate) }
        return items.first(where: predicate)!
    }

    var mediaOpened: Int { media.opened.withLock { $0 } }
}

/// Runs `body` with a started server and a peer of `transport`, stopping both afterwards.
func withSIPServer(_ transport: String = "UDP", allow: [String] = ["127.0.0.1/32"], digest: SIPTrunk.Digest? = nil,
                   ringMilliseconds: Int = 0, codecs: [SIPConfig.Codec] = [.pcmu, .pcma], maxCalls: Int = 10,
                   trunkMaxCalls: Int? = nil, transferURIHeaders: Bool = false, flood: SIPFloodLimit = SIPFloodLimit(),
                   _ body: (SIPTestServer, SIPTestPeer) async throws -> Void) async throws {
    let server = try await SIPTestServer.start(allow: allow, digest: digest, ringMilliseconds: ringMilliseconds, codecs: codecs,
                                               maxCalls: maxCalls, trunkMaxCalls: trunkMaxCalls,
                                               transferURIHeaders: transferURIHeaders, flood: flood)
    let peer: SIPTestPeer
    do {
        peer = transport == "TCP" ? try await SIPTestPeer.tcp(to: server.bound.tcp!) : try await SIPTestPeer.udp(to: server.bound.udp!)
    } catch {
        await server.stop()
        throw error
    }
    do {
        try await body(server, peer)
    } catch {
        await peer.close()
        await server.stop()
        throw error
    }
    await peer.close()
    await server.stop()
}
