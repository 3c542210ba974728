import Agents
import Media
import Net
import ProviderFakes
import Providers
import Speech
import Testing

@Suite struct CartesiaTTSTests {
    static let sentence = "Let me check that for you."

    func withFake(extra: [String: ConfigValue] = [:], _ body: (CartesiaTTS, FakeCartesiaServer) async throws -> Void) async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeCartesiaServer.start(on: net.group, apiKey: testAPIKey, pacing: FakeAudioPacing(pieceBytes: 321))
        let tts = try CartesiaTTS(settings: ttsConfig(.cartesia, baseURL: fake.baseURL, extra: ["voice": .string("voice-a")].merging(extra) { $1 }),
                                  network: net.network)
        do { try await body(tts, fake) } catch { await fake.stop(); await net.close(); throw error }
        await fake.stop()
        await net.close()
    }

    @Test func asksForRawMuLawAndPassesItThroughByteForByte() async throws {
        try await withFake { tts, fake in
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            #expect(result.terminal == .done)
            #expect(result.audio == FakeTone.audio(for: Self.sentence, format: .telephony))
            let body = try #require(fake.log.requests.first?.body)
            #expect(body.contains(#""output_format":{"container":"raw","encoding":"pcm_mulaw","sample_rate":8000}"#))
            #expect(body.contains(#""voice":{"mode":"id","id":"voice-a"}"#) && body.contains(#""language":"en""#))
        }
    }

    @Test func reusesOneSocketAcrossSentencesAndKeepsConcurrentContextsApart() async throws {
        try await withFake { tts, fake in
            let format = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
            let first = "The first sentence is rather long, so its audio interleaves with the second."
            let second = "Second one."
            async let a = collect(tts.synthesize(SynthesisRequest(text: first, voice: "", format: format)))
            async let b = collect(tts.synthesize(SynthesisRequest(text: second, voice: "voice-b", format: format)))
            let (resultA, resultB) = try await (a, b)
            #expect(resultA.audio == FakeTone.audio(for: first, format: format))
            #expect(resultB.audio == FakeTone.audio(for: second, format: format))
            let third = try await collect(tts.synthesize(SynthesisRequest(text: "Third.", voice: "", format: format)))
            #expect(third.terminal == .done)
            #expect(fake.log.events.filter { $0 == .socketOpened }.count == 1)
            let ids = Set(fake.log.requests.compactMap { $0.body.split(separator: "\"context_id\":\"").dropFirst().first?.prefix { $0 != "\"" } })
            #expect(ids.count == 3)
        }
    }

    @Test func cancellingSendsCancelForThatContextOnly() async throws {
        try await withFake(extra: ["stall_timeout_ms": .int(20000), "first_audio_timeout_ms": .int(20000)]) { tts, fake in
            fake.faults.add(.stallAfterFirstChunk)
            let consumer = startConsumer(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            _ = try await consumer.firstAudio.first(within: 10, "first audio")
            consumer.task.cancel()
            #expect(await fake.log.waitFor { if case .contextCancelled = $0 { true } else { false } })
            // The socket stays up for the next sentence.
            let next = try await collect(tts.synthesize(SynthesisRequest(text: "Next.", voice: "", format: .telephony)))
            #expect(next.terminal == .done)
            #expect(fake.log.events.filter { $0 == .socketOpened }.count == 1)
        }
    }

    @Test(arguments: [
        (FakeTTSFault.status(429, message: "Too many requests"), "rateLimited"),
        (.status(402, message: "Out of credits"), "auth"),
        (.status(500, message: "Internal"), "overloaded"),
        (.status(400, message: "Invalid voice"), "badRequest"),
        (.malformedAudio, "malformed"),
        (.malformedJSON, "malformed"),
        (.stallAfterFirstChunk, "midStream"),
        (.slowFirstBytes(.seconds(3)), "firstResponse"),
        (.disconnectMidStream, "lost"),
    ])
    func mapsFaults(fault: FakeTTSFault, expected: String) async throws {
        try await withFake { tts, fake in
            fake.faults.add(fault)
            let result = try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony)))
            switch (result.error, expected) {
            case (.rateLimited?, "rateLimited"), (.auth?, "auth"), (.overloaded?, "overloaded"), (.badRequest?, "badRequest"),
                 (.malformedResponse?, "malformed"), (.timeout(.midStream)?, "midStream"), (.timeout(.firstResponse)?, "firstResponse"),
                 (.connectionLost?, "lost"):
                break
            default: Issue.record("\(fault): got \(String(describing: result.terminal)), expected \(expected)")
            }
            #expect(result.afterTerminal == 0)
            // Whatever happened, the next sentence works (reconnecting if the socket was lost).
            let next = try await collect(tts.synthesize(SynthesisRequest(text: "Again.", voice: "", format: .telephony)))
            #expect(next.terminal == .done)
        }
    }

    @Test func lostSocketFailsOnlyItsContextsAndTheNextRequestReconnects() async throws {
        try await withFake(extra: ["stall_timeout_ms": .int(20000), "first_audio_timeout_ms": .int(20000)]) { tts, fake in
            fake.faults.add(.stallAfterFirstChunk)
            let consumer = Task { try await collect(tts.synthesize(SynthesisRequest(text: Self.sentence, voice: "", format: .telephony))) }
            #expect(await fake.log.waitFor { if case .request = $0 { true } else { false } })
            await fake.dropAllConnections()
            let result = try await consumer.value
            #expect(result.error == .connectionLost)
            let next = try await collect(tts.synthesize(SynthesisRequest(text: "Back.", voice: "", format: .telephony)))
            #expect(next.terminal == .done)
            #expect(fake.log.events.filter { $0 == .socketOpened }.count == 2)
        }
    }

    @Test func refusedKeyIsAuthWithoutTheKeyInText() async throws {
        let net = try TTSTestNetwork()
        let fake = try await FakeCartesiaServer.start(on: net.group, apiKey: "other")
        let tts = try CartesiaTTS(settings: ttsConfig(.cartesia, baseURL: fake.baseURL, extra: ["voice": .string("v")]), network: net.network)
        let result = try await collect(tts.synthesize(SynthesisRequest(text: "Hi.", voice: "", format: .telephony)))
        #expect(result.error == .auth)
        #expect(!textError(result.error).contains(testAPIKey))
        await fake.stop()
        await net.close()
    }
}
