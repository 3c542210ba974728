import Agents
import Media
import Net
import ProviderFakes
import Providers
import Speech
import Testing

@Suite struct DeepgramAuraTTSTests {
    static let sentence = "Thanks for calling, how can I help?"

    func withFake(extra: [String: ConfigValue] = [:], _ body: (DeepgramAuraTTS, FakeDeepgramAuraServer) async throws -> Void) async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeDeepgramAuraServer.start(on: net.group, apiKey: testAPIKey, pacing: FakeAudioPacing(pieceBytes: 333))
        let tts = try DeepgramAuraTTS(settings: ttsConfig(.deepgram, baseURL: fake.baseURL, extra: extra), network: net.network)
        do { try await body(tts, fake) } catch { await fake.stop(); await net.close(); throw error }
        await fake.stop()
        await net.close()
    }

    /// The call's µ-law 8 kHz is asked for directly and arrives byte for byte as the provider sent it.
    @Test func asksForTelephonyMuLawAndPassesItThrough() async throws {
        try await withFake { tts, fake in
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            #expect(result.terminal == .done)
            #expect(result.audio == FakeTone.audio(for: Self.sentence, format: .telephony))
            let request = try #require(fake.log.requests.first)
            #expect(request.query == ["model": "aura-2-thalia-en", "encoding": "mulaw", "sample_rate": "8000", "container": "none"])
            #expect(request.headers["authorization"] == "Token \(testAPIKey)")
            #expect(request.body == #"{"text":"Thanks for calling, how can I help?"}"#)
        }
    }

    @Test func asksForLinear16AtTheCallRateAndEncodesMuLawWhereDeepgramCannot() async throws {
        try await withFake { tts, fake in
            let wideband = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
            let pcm = try await collect(tts.synthesize(SynthesisRequest(text: "Wide.", voice: "aura-2-helena-en", format: wideband)))
            #expect(pcm.audio == FakeTone.audio(for: "Wide.", format: wideband))
            #expect(fake.log.requests.last?.query["model"] == "aura-2-helena-en")
            let ulaw48 = AudioFormat(encoding: .mulaw, sampleRate: .hz48000)
            let encoded = try await collect(tts.synthesize(SynthesisRequest(text: "Wide.", voice: "", format: ulaw48)))
            #expect(fake.log.requests.last?.query["encoding"] == "linear16")
            #expect(encoded.audio == FakeTone.audio(for: "Wide.", format: ulaw48))
        }
    }

    @Test(arguments: [
        (FakeTTSFault.status(429, message: "slow down", retryAfterSeconds: 2), ProviderError.rateLimited(retryAfter: .seconds(2))),
        (.status(402, message: "Project has insufficient credits"), .auth),
        (.status(503, message: "busy"), .overloaded),
        (.status(400, message: "bad model"), .badRequest(detail: "HTTP 400: bad model")),
        (.stallAfterFirstChunk, .timeout(.midStream)),
        (.slowFirstBytes(.seconds(3)), .timeout(.firstResponse)),
        (.disconnectMidStream, .connectionLost),
    ])
    func mapsFaults(fault: FakeTTSFault, expected: ProviderError) async throws {
        try await withFake { tts, fake in
            fake.faults.add(fault)
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            #expect(result.error == expected)
        }
    }

    @Test func wrongKeyIsAuth() async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeDeepgramAuraServer.start(on: net.group, apiKey: "other")
        let tts = try DeepgramAuraTTS(settings: ttsConfig(.deepgram, baseURL: fake.baseURL), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "", format: .telephony)))
        #expect(result.error == .auth)
        await fake.stop()
        await net.close()
    }

    @Test func unreachableProviderIsAConnectTimeout() async throws {
        let net = try TTSTestNetwork()
        // A port nothing listens on: bind, read the port, close.
        let fake = try await FakeDeepgramAuraServer.start(on: net.group, apiKey: testAPIKey)
        let url = fake.baseURL
        await fake.stop()
        let tts = try DeepgramAuraTTS(settings: ttsConfig(.deepgram, baseURL: url), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "", format: .telephony)))
        #expect(result.error == .timeout(.connecting))
        await net.close()
    }

    @Test func cancellingClosesTheConnection() async throws {
        try await withFake(extra: ["stall_timeout_ms": .int(20000), "first_audio_timeout_ms": .int(20000)]) { tts, fake in
            fake.faults.add(.stallAfterFirstChunk)
            let consumer = startConsumer(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            _ = try await consumer.firstAudio.first(within: 10, "first audio")
            consumer.task.cancel()
            #expect(await fake.log.waitFor { if case .clientClosedEarly = $0 { true } else { false } })
        }
    }
}
