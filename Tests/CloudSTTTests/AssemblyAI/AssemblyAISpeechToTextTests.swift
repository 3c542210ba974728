import Agents
import Media
import Net
import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite("AssemblyAI v3 streaming adapter against the fake AssemblyAI server")
struct AssemblyAISpeechToTextTests {
    typealias H = CloudSTTHarness

    func adapter(_ fake: FakeAssemblyAIServer, key: String = H.apiKey, _ settings: [String: ConfigValue] = [:]) throws -> AssemblyAISpeechToText {
        try AssemblyAISpeechToText(settings: H.config(.assemblyai, baseURL: fake.baseURL, key: key, settings), network: H.network)
    }

    @Test func happyPathYieldsPartialsAndFormattedFinalsInChunksOfAtLeast50ms() async throws {
        let script = [FakeUtterance("Book a table.", afterAudioBytes: 800), FakeUtterance("For two, please.", afterAudioBytes: 2400)]
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: H.apiKey, script: script)
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake)
        #expect(stt.name == "assemblyai")
        let session = try await stt.openSession(TranscriptionRequest(format: .telephony, hints: ["Zagreb"]))
        let recorder = TranscriptRecorder(session)
        let frames = H.speechFrames(17)  // 340 ms: three 100 ms chunks, then 40 ms padded at the end
        try await H.sendOnLoop(frames, to: session)
        #expect(await recorder.wait { events, _ in events.finals.count == 2 })
        session.finishAudio()
        let events = await recorder.untilEnd()
        #expect(events == [
            .partial("Book"), .partial("book a table"), .final("Book a table.", confidence: 0.9), .utteranceEnd,
            .partial("For"), .partial("for two please"), .final("For two, please.", confidence: 0.9), .utteranceEnd,
        ])
        let traffic = try #require(await fake.traffic.wait { !$0.closeCodes.isEmpty })
        #expect(traffic.closeCodes == [1000])
        #expect(traffic.audioMessages == 4)
        let sent = H.mulaw(frames)
        #expect(Array(traffic.audio.prefix(sent.count)) == sent)
        #expect(traffic.audio.count == 3200)
        #expect(traffic.audio.dropFirst(sent.count).allSatisfy { $0 == MuLaw.silenceCode })
        #expect(traffic.textMessages == [#"{"type":"Terminate"}"#])
        let request = try #require(traffic.requests.first)
        #expect(request.header("Authorization") == H.apiKey)
        #expect(request.queryValues("sample_rate") == ["8000"])
        #expect(request.queryValues("encoding") == ["pcm_mulaw"])
        #expect(request.queryValues("format_turns") == ["true"])
        #expect(request.queryValues("speech_model") == ["universal-streaming-english"])
        #expect(request.queryValues("keyterms_prompt") == ["%5B%22Zagreb%22%5D"])
    }

    @Test func withoutFormattingTheFirstEndOfTurnIsFinal() async throws {
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: H.apiKey, script: [FakeUtterance("Hello there.", afterAudioBytes: 1600)])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake, ["format_turns": .bool(false), "chunk_ms": .int(60)])
            .openSession(TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz16000)))
        let recorder = TranscriptRecorder(session)
        let frames = H.speechFrames(3, .hz16000)
        for frame in frames { try session.send(frame) }
        session.finishAudio()
        #expect(await recorder.untilEnd().finals == ["hello there"])
        let traffic = fake.traffic.snapshot
        #expect(traffic.audio == H.linear16(frames))
        #expect(traffic.requests.first?.queryValues("encoding") == ["pcm_s16le"])
    }

    @Test func aWrongKeyIsRefusedInBandAsAuth() async throws {
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: "the-right-key", script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let events = await TranscriptRecorder(session).untilEnd()
        #expect(events == [.failed(.auth)])
        #expect(!String(describing: events).contains(H.apiKey))
    }

    @Test(arguments: [
        (FakeStreamingFault.rejectUpgrade(status: 429, headers: ["Retry-After": "3"], body: #"{"error":"Too many requests"}"#),
         ProviderError.rateLimited(retryAfter: .seconds(3))),
        (.rejectUpgrade(status: 500, headers: [:], body: ""), .overloaded),
        (.rejectUpgrade(status: 401, headers: [:], body: #"{"error":"Invalid API key"}"#), .auth),
        (.rejectUpgrade(status: 400, headers: [:], body: #"{"error":"sample_rate is required"}"#),
         .badRequest(detail: "HTTP 400: sample_rate is required")),
    ])
    func refusedUpgradesMapToProviderErrors(fault: FakeStreamingFault, expected: ProviderError) async throws {
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: H.apiKey, script: [], fault: fault)
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake)
        #expect(await H.openError { () throws(ProviderError) in try await stt.openSession(TranscriptionRequest(format: .telephony)) } == expected)
    }

    @Test(arguments: [
        (FakeStreamingFault.stallAfterFirstResult, ProviderError.timeout(.midStream)),
        (.slowFirstResult(.seconds(5)), .timeout(.firstResponse)),
        (.disconnectAfterFirstResult, .connectionLost),
        (.closeOnAudio(code: 3005, reason: "Session Cancelled: An error occurred"), .overloaded),
        (.closeOnAudio(code: 3009, reason: "Unauthorized Connection: Too many concurrent sessions"), .rateLimited(retryAfter: nil)),
    ])
    func midStreamFaultsEndWithExactlyOneFailureLast(fault: FakeStreamingFault, expected: ProviderError) async throws {
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: H.apiKey, script: [FakeUtterance("first", afterAudioBytes: 480)], fault: fault)
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake, ["first_result_timeout_ms": .int(1_500), "stall_timeout_ms": .int(1_500), "chunk_ms": .int(60)])
        let session = try await stt.openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        var index = 0
        while !recorder.ended, index < 300 {
            try? session.send(H.speech(frame: index))
            index += 1
            await recorder.wait(0.02) { _, ended in ended }
        }
        let events = await recorder.untilEnd()
        #expect(events.failures == [expected])
        #expect(events.last == TranscriptEvent.failed(expected))
    }

    @Test func malformedJSONFailsTheSessionWithMalformedResponse() async throws {
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: H.apiKey, script: [FakeUtterance("x", afterAudioBytes: 100)], fault: .malformedJSON)
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake, ["chunk_ms": .int(60)]).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in H.speechFrames(3) { try session.send(frame) }
        let events = await recorder.untilEnd()
        guard case .failed(.malformedResponse)? = events.last else { Issue.record("got \(events)"); return }
        #expect(events.failures.count == 1)
    }

    @Test func cancelClosesTheSocketPromptly() async throws {
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        session.cancel()
        #expect(await fake.traffic.wait(for: .seconds(5)) { $0.closeCodes == [1000] } != nil)
        #expect(await recorder.untilEnd() == [])
    }

    @Test func aLawIsRefusedAtOpen() async throws {
        let fake = try await FakeAssemblyAIServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake)
        let error = await H.openError { () throws(ProviderError) in
            try await stt.openSession(TranscriptionRequest(format: AudioFormat(encoding: .alaw, sampleRate: .hz8000)))
        }
        guard case .badRequest? = error else { Issue.record("got \(String(describing: error))"); return }
    }
}
