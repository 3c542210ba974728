import Agents
import Media
import Net
import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite("OpenAI batch transcription adapter against the fake transcription server")
struct OpenAITranscriptionTests {
    typealias H = CloudSTTHarness

    func adapter(_ fake: FakeOpenAITranscriptionServer, key: String = H.apiKey, _ settings: [String: ConfigValue] = [:]) throws -> OpenAITranscriptionSpeechToText {
        var all = settings
        if all["silence_ms"] == nil { all["silence_ms"] = .int(200) }
        return try OpenAITranscriptionSpeechToText(settings: H.config(.openai, baseURL: fake.baseURL, key: key, all), network: H.network)
    }

    func silence(_ count: Int, _ rate: SampleRate = .hz8000) -> [AudioFrame] { Array(repeating: .silence(rate), count: count) }

    @Test func eachUtteranceIsUploadedAsAWavAndAnsweredWithAFinal() async throws {
        let fake = try await FakeOpenAITranscriptionServer.start(on: H.group, apiKey: H.apiKey, script: ["Book a table.", "For two."])
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake, ["pre_roll_ms": .int(0)])
        #expect(stt.name == "openai")
        let session = try await stt.openSession(TranscriptionRequest(format: .telephony, language: "en-GB", hints: ["Zagreb"]))
        let recorder = TranscriptRecorder(session)
        let first = H.speechFrames(10)
        for frame in silence(3) + first + silence(10) { try session.send(frame) }
        #expect(await recorder.wait { events, _ in events.finals.count == 1 })
        for frame in H.speechFrames(5) + silence(10) { try session.send(frame) }
        #expect(await recorder.wait { events, _ in events.finals.count == 2 })
        session.finishAudio()
        let events = await recorder.untilEnd()
        #expect(events == [.speechStarted, .final("Book a table.", confidence: nil), .utteranceEnd,
                           .speechStarted, .final("For two.", confidence: nil), .utteranceEnd])
        let traffic = fake.traffic.snapshot
        #expect(traffic.uploads.count == 2)
        let wav = try #require(traffic.uploads.first)
        let expected = WavWriter.encode(first.flatMap(\.samples) + silence(10).flatMap(\.samples), format: WavFormat(.hz8000))
        #expect(wav == expected)
        #expect(traffic.formFields["model"] == "gpt-4o-mini-transcribe")
        #expect(traffic.formFields["language"] == "en")
        #expect(traffic.formFields["prompt"] == "Zagreb")
        #expect(traffic.formFields["response_format"] == "json")
        #expect(traffic.requests.first?.header("Authorization") == "Bearer \(H.apiKey)")
        #expect(traffic.requests.first?.path == "/v1/audio/transcriptions")
    }

    @Test func finishAudioSendsTheUtteranceInProgressAndEnds() async throws {
        let fake = try await FakeOpenAITranscriptionServer.start(on: H.group, apiKey: H.apiKey, script: ["cut short"])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake, ["model": .string("whisper-1")]).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in H.speechFrames(6) { try session.send(frame) }
        session.finishAudio()
        #expect(await recorder.untilEnd() == [.speechStarted, .final("cut short", confidence: nil), .utteranceEnd])
        #expect(fake.traffic.snapshot.formFields["model"] == "whisper-1")
        #expect(throws: ProviderError.connectionLost) { try session.send(H.speech()) }
    }

    @Test func silenceAloneSendsNothing() async throws {
        let fake = try await FakeOpenAITranscriptionServer.start(on: H.group, apiKey: H.apiKey, script: ["never"])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in silence(50) { try session.send(frame) }
        session.finishAudio()
        #expect(await recorder.untilEnd() == [])
        #expect(fake.traffic.snapshot.requests.isEmpty)
    }

    @Test(arguments: [
        (FakeBatchFault.status(429, headers: ["Retry-After": "4"], message: "Rate limit reached"), ProviderError.rateLimited(retryAfter: .seconds(4))),
        (.status(500, headers: [:], message: "The server had an error"), .overloaded),
        (.status(400, headers: [:], message: "Audio file is too short"), .badRequest(detail: "HTTP 400: Audio file is too short")),
        (.malformedJSON, .malformedResponse(detail: "OpenAI transcription: unterminated string at byte 9")),
        (.disconnect, .connectionLost),
        (.slowResponse(.seconds(5)), .timeout(.firstResponse)),
    ])
    func requestFailuresEndWithExactlyOneFailureLast(fault: FakeBatchFault, expected: ProviderError) async throws {
        let fake = try await FakeOpenAITranscriptionServer.start(on: H.group, apiKey: H.apiKey, script: ["x"], fault: fault)
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake, ["request_timeout_ms": .int(1_500)]).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in H.speechFrames(5) { try session.send(frame) }
        session.finishAudio()
        let events = await recorder.untilEnd()
        #expect(events.failures == [expected])
        #expect(events.last == TranscriptEvent.failed(expected))
    }

    @Test func aWrongKeyIsAuthAndNoDescriptionCarriesTheKey() async throws {
        let fake = try await FakeOpenAITranscriptionServer.start(on: H.group, apiKey: "the-right-key", script: ["x"])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in H.speechFrames(5) { try session.send(frame) }
        session.finishAudio()
        let events = await recorder.untilEnd()
        #expect(events.failures == [.auth])
        #expect(!String(describing: events).contains(H.apiKey))
    }

    @Test func cancelAbortsARequestInFlightAndEndsWithoutAFailure() async throws {
        let fake = try await FakeOpenAITranscriptionServer.start(on: H.group, apiKey: H.apiKey, script: ["x"], fault: .slowResponse(.seconds(30)))
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in H.speechFrames(5) + silence(12) { try session.send(frame) }
        #expect(await fake.traffic.wait { _ in true } != nil)
        session.cancel()
        #expect(await recorder.untilEnd(5) == [.speechStarted])
    }
}
