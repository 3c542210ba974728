import Agents
import Media
import Net
import ProviderFakes
import Providers
import Speech
import Testing

@Suite struct OpenAISpeechTTSTests {
    static let sentence = "Your table for four is booked at seven."

    func withFake(extra: [String: ConfigValue] = [:], _ body: (OpenAISpeechTTS, FakeOpenAISpeechServer) async throws -> Void) async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeOpenAISpeechServer.start(on: net.group, apiKey: testAPIKey)
        let tts = try OpenAISpeechTTS(settings: ttsConfig(.openai, baseURL: fake.baseURL, extra: extra), network: net.network)
        do { try await body(tts, fake) } catch { await fake.stop(); await net.close(); throw error }
        await fake.stop()
        await net.close()
    }

    /// 24 kHz PCM in odd 1201-byte pieces becomes 8 kHz µ-law: a third of the samples, the tone's energy.
    @Test func convertsPCM24kToTelephonyMuLaw() async throws {
        try await withFake { tts, fake in
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            #expect(result.terminal == .done)
            #expect(result.afterTerminal == 0)
            #expect(result.chunks.allSatisfy { $0.format == .telephony && !$0.bytes.isEmpty })
            let expected = FakeTone.sampleCount(for: Self.sentence, rate: .hz8000)
            #expect(abs(result.audio.count - expected) <= 2)
            let decoded = result.audio.map(MuLaw.decode)
            let reference = FakeTone.samples(for: Self.sentence, rate: .hz8000)
            let middle = decoded.count / 4..<(decoded.count * 3 / 4)
            let ratio = rms(decoded[middle]) / rms(reference[middle])
            #expect(ratio > 0.9 && ratio < 1.1)
            let request = try #require(fake.log.requests.first)
            #expect(request.headers["authorization"] == "Bearer \(testAPIKey)")
            #expect(request.body.contains(#""response_format":"pcm""#) && request.body.contains(#""voice":"alloy""#))
        }
    }

    /// Asking for 24 kHz L16 needs no conversion: bytes equal the provider's, split only at whole samples.
    @Test func keepsNativePCMByteForByteAcrossOddPieces() async throws {
        try await withFake { tts, _ in
            let format = AudioFormat(encoding: .linear16, sampleRate: .hz24000)
            let result = try await collect(tts.synthesize(SynthesisRequest(text: "Odd pieces.", voice: "nova", format: format)))
            #expect(result.terminal == .done)
            #expect(result.chunks.allSatisfy { $0.bytes.count % 2 == 0 })
            #expect(result.audio == FakeTone.audio(for: "Odd pieces.", format: format))
        }
    }

    @Test(arguments: [
        (FakeTTSFault.status(429, message: "Rate limit reached", retryAfterSeconds: 7), ProviderError.rateLimited(retryAfter: .seconds(7))),
        (.status(500, message: "The server had an error"), .overloaded),
        (.status(400, message: "Invalid voice"), .badRequest(detail: "HTTP 400: Invalid voice")),
        (.stallAfterFirstChunk, .timeout(.midStream)),
        (.slowFirstBytes(.seconds(3)), .timeout(.firstResponse)),
        (.disconnectMidStream, .connectionLost),
        (.malformedAudio, .malformedResponse(detail: "expected audio, got Content-Type application/json")),
    ])
    func mapsFaults(fault: FakeTTSFault, expected: ProviderError) async throws {
        try await withFake { tts, fake in
            fake.faults.add(fault)
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            #expect(result.error == expected)
            #expect(result.afterTerminal == 0)
        }
    }

    @Test func refusedKeyIsAuthAndNeverEchoed() async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeOpenAISpeechServer.start(on: net.group, apiKey: "another-key")
        let tts = try OpenAISpeechTTS(settings: ttsConfig(.openai, baseURL: fake.baseURL), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "", format: .telephony)))
        #expect(result.error == .auth)
        #expect(!textError(result.error).contains(testAPIKey))
        await fake.stop()
        await net.close()
    }

    @Test func quotaExhaustedIsAuthNotRateLimit() async throws {
        // OpenAI answers an empty balance with 429 and code insufficient_quota.
        let net = try TTSTestNetwork()
        let fake = try await FakeHTTPStreamServer.start(on: net.group, log: FakeTTSLog()) { _ in
            .json(status: 429, #"{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}"#)
        }
        let tts = try OpenAISpeechTTS(settings: ttsConfig(.openai, baseURL: fake.baseURL), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "", format: .telephony)))
        #expect(result.error == .auth)
        await fake.stop()
        await net.close()
    }

    /// Barge-in: cancelling the consuming task closes the HTTP connection, and the fake sees it.
    @Test func cancellingTheStreamClosesTheConnection() async throws {
        try await withFake(extra: ["stall_timeout_ms": .int(20000), "first_audio_timeout_ms": .int(20000)]) { tts, fake in
            fake.faults.add(.stallAfterFirstChunk)  // keeps the response open until the client leaves
            let consumer = startConsumer(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            _ = try await consumer.firstAudio.first(within: 10, "first audio")
            consumer.task.cancel()
            #expect(await fake.log.waitFor { if case .clientClosedEarly = $0 { true } else { false } })
            _ = await consumer.task.value
        }
    }

    @Test func setupRejectsPlainHTTPToARemoteHostAndMissingKey() {
        let network = try? TTSTestNetwork()
        guard let network else { return }
        #expect(throws: ProviderSetupError.self) {
            try OpenAISpeechTTS(settings: ttsConfig(.openai, baseURL: "http://api.example.com"), network: network.network)
        }
        #expect(throws: ProviderSetupError.self) {
            try OpenAISpeechTTS(settings: TTSProviderConfig(kind: .openai, settings: [:]), network: network.network)
        }
        network.group.syncShutdown()
        network.network.http.shutdown()
    }
}
