import Agents
import Media
import Net
import ProviderFakes
import Providers
import Speech
import Testing

@Suite struct ElevenLabsTTSTests {
    static let sentence = "Sure, I can help with that."

    func withFake(websocket: Bool = false, extra more: [String: ConfigValue] = [:], _ body: (ElevenLabsTTS, FakeElevenLabsServer) async throws -> Void) async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeElevenLabsServer.start(on: net.group, apiKey: testAPIKey, pacing: FakeAudioPacing(pieceBytes: 401))
        let extra: [String: ConfigValue] = ["voice": .string(fake.voiceID), "transport": .string(websocket ? "websocket" : "http"),
                                            "stability": .double(0.5)].merging(more) { $1 }
        let tts = try ElevenLabsTTS(settings: ttsConfig(.elevenlabs, baseURL: websocket ? fake.webSocketBaseURL : fake.httpBaseURL,
                                                        extra: extra), network: net.network)
        do { try await body(tts, fake) } catch { await fake.stop(); await net.close(); throw error }
        await fake.stop()
        await net.close()
    }

    @Test func httpAsksForUlaw8000AndPassesItThroughByteForByte() async throws {
        try await withFake { tts, fake in
            let request = SynthesisRequest(text: Self.sentence, voice: "", format: .telephony, previousText: "Hello.")
            let result = try await collect(tts.synthesize(request))
            #expect(result.terminal == .done)
            #expect(result.audio == FakeTone.audio(for: Self.sentence, format: .telephony))
            let seen = try #require(fake.log.requests.first)
            #expect(seen.path == "/v1/text-to-speech/fake-voice/stream")
            #expect(seen.query["output_format"] == "ulaw_8000")
            #expect(seen.headers["xi-api-key"] == testAPIKey)
            #expect(seen.body.contains(#""previous_text":"Hello.""#) && seen.body.contains(#""model_id":"eleven_flash_v2_5""#))
            #expect(seen.body.contains(#""voice_settings":{"stability":0.5}"#))
        }
    }

    @Test func httpAsksForPCMAtOtherRates() async throws {
        try await withFake { tts, fake in
            let format = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
            let result = try await collect(tts.synthesize(SynthesisRequest(text: "Wideband.", voice: "", format: format)))
            #expect(fake.log.requests.first?.query["output_format"] == "pcm_16000")
            #expect(result.chunks.allSatisfy { $0.bytes.count % 2 == 0 })  // 401-byte pieces split samples
            #expect(result.audio == FakeTone.audio(for: "Wideband.", format: format))
        }
    }

    @Test(arguments: [
        (FakeTTSFault.status(401, message: "This request exceeds your quota"), ProviderError.auth),
        (.status(429, message: "too many", retryAfterSeconds: 4), .rateLimited(retryAfter: .seconds(4))),
        (.status(500, message: "oops"), .overloaded),
        (.status(422, message: "bad settings"), .badRequest(detail: "HTTP 422: bad settings")),
        (.stallAfterFirstChunk, .timeout(.midStream)),
        (.slowFirstBytes(.seconds(3)), .timeout(.firstResponse)),
        (.disconnectMidStream, .connectionLost),
    ])
    func httpMapsFaults(fault: FakeTTSFault, expected: ProviderError) async throws {
        try await withFake { tts, fake in
            fake.faults.add(fault)
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            #expect(result.error == expected)
        }
    }

    @Test func webSocketSendsBOSTextEOSAndDeliversAudioInOrder() async throws {
        try await withFake(websocket: true) { tts, fake in
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            #expect(result.terminal == .done)
            #expect(result.audio == FakeTone.audio(for: Self.sentence, format: .telephony))
            let bodies = fake.log.requests.map(\.body)
            #expect(bodies.count == 3)
            #expect(bodies.first?.hasPrefix(#"{"text":" ""#) == true)
            #expect(bodies.dropFirst().first == #"{"text":"Sure, I can help with that. "}"#)
            #expect(bodies.last == #"{"text":""}"#)
        }
    }

    @Test(arguments: [
        (FakeTTSFault.malformedAudio, "malformed"),
        (.malformedJSON, "malformed"),
        (.stallAfterFirstChunk, "midStream"),
        (.disconnectMidStream, "lost"),
        (.status(401, message: "quota"), "auth"),
    ])
    func webSocketMapsFaults(fault: FakeTTSFault, expected: String) async throws {
        try await withFake(websocket: true) { tts, fake in
            fake.faults.add(fault)
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            switch (result.error, expected) {
            case (.malformedResponse?, "malformed"), (.timeout(.midStream)?, "midStream"), (.connectionLost?, "lost"), (.auth?, "auth"): break
            default: Issue.record("\(fault): got \(String(describing: result.terminal)), expected \(expected)")
            }
        }
    }

    @Test func webSocketRefusedKeyIsAuthWithoutTheKeyInText() async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeElevenLabsServer.start(on: net.group, apiKey: "other")
        let tts = try ElevenLabsTTS(settings: ttsConfig(.elevenlabs, baseURL: fake.webSocketBaseURL,
                                                        extra: ["voice": .string("fake-voice"), "transport": .string("websocket")]), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "", format: .telephony)))
        #expect(result.error == .auth)
        #expect(!textError(result.error).contains(testAPIKey))
        await fake.stop()
        await net.close()
    }

    @Test func webSocketCancellationClosesTheSocket() async throws {
        try await withFake(websocket: true, extra: ["stall_timeout_ms": .int(20000), "first_audio_timeout_ms": .int(20000)]) { tts, fake in
            fake.faults.add(.stallAfterFirstChunk)
            let consumer = startConsumer(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            _ = try await consumer.firstAudio.first(within: 10, "first audio")
            consumer.task.cancel()
            #expect(await fake.log.waitFor { $0 == .socketClosed })
        }
    }

    @Test func missingVoiceIsABadRequest() async throws {
        let net = try TTSTestNetwork()
        let tts = try ElevenLabsTTS(settings: ttsConfig(.elevenlabs, baseURL: "http://127.0.0.1:9"), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "", format: .telephony)))
        guard case .badRequest? = result.error else { Issue.record("\(String(describing: result.terminal))"); return }
        await net.close()
    }
}
