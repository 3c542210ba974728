import Agents
import Media
import Net
import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Dispatch
import Testing

@Suite("Deepgram live adapter against the fake Deepgram server")
struct DeepgramSpeechToTextTests {
    typealias H = CloudSTTHarness

    func adapter(_ fake: FakeDeepgramServer, key: String = H.apiKey, _ settings: [String: ConfigValue] = [:]) throws -> DeepgramSpeechToText {
        try DeepgramSpeechToText(settings: H.config(.deepgram, baseURL: fake.baseURL, key: key, settings), network: H.network)
    }

    @Test func happyPathYieldsPartialsFinalsAndUtteranceEndsAndAudioArrivesAsMulaw() async throws {
        let script = [FakeUtterance("Book a table", afterAudioBytes: 1600), FakeUtterance("for two", afterAudioBytes: 3200)]
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: script)
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake)
        #expect(stt.name == "deepgram")
        let session = try await stt.openSession(TranscriptionRequest(format: .telephony, hints: ["Zagreb"]))
        let recorder = TranscriptRecorder(session)
        let frames = H.speechFrames(25)
        for frame in frames { try session.send(frame) }
        #expect(await recorder.wait { events, _ in events.finals.count == 2 })
        session.finishAudio()
        let events = await recorder.untilEnd()
        #expect(events == [
            .speechStarted, .partial("Book"), .final("Book a table", confidence: 0.93), .utteranceEnd,
            .partial("for"), .final("for two", confidence: 0.93), .utteranceEnd,
        ])
        let traffic = try #require(await fake.traffic.wait { $0.closeCodes.count == 1 })
        #expect(traffic.audio == H.mulaw(frames))
        #expect(traffic.textMessages.last == #"{"type":"CloseStream"}"#)
        let request = try #require(traffic.requests.first)
        #expect(request.header("Authorization") == "Token \(H.apiKey)")
        #expect(request.queryValues("encoding") == ["mulaw"])
        #expect(request.queryValues("sample_rate") == ["8000"])
        #expect(request.queryValues("model") == ["nova-3"])
        #expect(request.queryValues("keyterm") == ["Zagreb"])
        #expect(request.queryValues("interim_results") == ["true"])
        #expect(request.queryValues("utterance_end_ms") == ["1000"])
        #expect(request.queryValues("vad_events") == ["true"])
        #expect(request.queryValues("language") == ["en-US"])
    }

    @Test func linear16At16kHzIsSentLittleEndianWithItsRateInTheQuery() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [FakeUtterance("hello", afterAudioBytes: 6400)])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake, ["model": .string("nova-2"), "endpointing": .bool(false)])
            .openSession(TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz16000), hints: ["Ana"]))
        let recorder = TranscriptRecorder(session)
        let frames = H.speechFrames(10, .hz16000)
        try await H.sendOnLoop(frames, to: session)
        session.finishAudio()
        #expect(await recorder.untilEnd().finals == ["hello"])
        let traffic = fake.traffic.snapshot
        #expect(traffic.audio == H.linear16(frames))
        let request = try #require(traffic.requests.first)
        #expect(request.queryValues("encoding") == ["linear16"])
        #expect(request.queryValues("sample_rate") == ["16000"])
        #expect(request.queryValues("keywords") == ["Ana"])
        #expect(request.queryValues("endpointing") == ["false"])
    }

    @Test func framesSentFromTheLoopAndFromATaskArriveInOrder() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let frames = H.speechFrames(12)
        try await H.sendOnLoop(Array(frames[0..<4]), to: session)
        for frame in frames[4..<8] { try session.send(frame) }
        try await H.sendOnLoop(Array(frames[8..<12]), to: session)
        let expected = H.mulaw(frames)
        #expect(await fake.traffic.wait { $0.audio.count == expected.count }?.audio == expected)
        session.cancel()
    }

    @Test func finishAudioFlushesWhatTheProviderHeardAndEndsTheStream() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [FakeUtterance("last words", afterAudioBytes: 1_000_000)])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in H.speechFrames(5) { try session.send(frame) }
        session.finishAudio()
        let events = await recorder.untilEnd()
        #expect(events.finals == ["last words"])
        #expect(events.failures.isEmpty)
        #expect(throws: ProviderError.connectionLost) { try session.send(H.speech()) }
    }

    @Test func keepAliveIsSentWhileNoAudioFlows() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake, ["keepalive_ms": .int(40)]).openSession(TranscriptionRequest(format: .telephony))
        let traffic = await fake.traffic.wait { $0.textMessages.filter { $0 == #"{"type":"KeepAlive"}"# }.count >= 2 }
        #expect(traffic != nil)
        session.cancel()
    }

    @Test func cancelClosesTheSocketPromptlyAndEndsWithoutAFailure() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for frame in H.speechFrames(3) { try session.send(frame) }
        session.cancel()
        #expect(await fake.traffic.wait(for: .seconds(5)) { $0.closeCodes == [1000] } != nil)
        // The fake may have answered the first audio with SpeechStarted before the cancel: no failure and
        // no transcript may follow, whatever the timing.
        #expect(await recorder.untilEnd().filter { $0 != .speechStarted } == [])
        #expect(throws: ProviderError.connectionLost) { try session.send(H.speech()) }
    }

    @Test func cancellingTheConsumingTaskClosesTheSocket() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let consumer = Task { for await _ in session.events {} }
        consumer.cancel()
        #expect(await fake.traffic.wait(for: .seconds(5)) { !$0.closeCodes.isEmpty } != nil)
    }

    @Test(arguments: [
        (FakeStreamingFault.rejectUpgrade(status: 429, headers: ["Retry-After": "7"], body: #"{"err_code":"TOO_MANY_REQUESTS","err_msg":"Too many requests"}"#),
         ProviderError.rateLimited(retryAfter: .seconds(7))),
        (.rejectUpgrade(status: 500, headers: [:], body: "{}"), .overloaded),
        (.rejectUpgrade(status: 503, headers: [:], body: ""), .overloaded),
        (.rejectUpgrade(status: 403, headers: [:], body: ""), .auth),
        (.rejectUpgrade(status: 400, headers: [:], body: #"{"err_code":"Bad Request","err_msg":"Invalid model"}"#),
         .badRequest(detail: "HTTP 400: Bad Request: Invalid model")),
    ])
    func refusedUpgradesMapToProviderErrors(fault: FakeStreamingFault, expected: ProviderError) async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [], fault: fault)
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake)
        #expect(await H.openError { () throws(ProviderError) in try await stt.openSession(TranscriptionRequest(format: .telephony)) } == expected)
    }

    @Test func wrongKeyIsRefusedAsAuthWithoutTheKeyInAnyDescription() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: "the-right-key", script: [])
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake)
        let error = await H.openError { () throws(ProviderError) in try await stt.openSession(TranscriptionRequest(format: .telephony)) }
        #expect(error == .auth)
        #expect(!String(describing: error).contains(H.apiKey))
    }

    @Test func aProviderEchoingTheKeyNeverPutsItInTheErrorDetail() async throws {
        let body = #"{"err_code":"Bad Request","err_msg":"bad token \#(H.apiKey) in request"}"#
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [],
                                                      fault: .rejectUpgrade(status: 400, headers: [:], body: body))
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake)
        let error = try #require(await H.openError { () throws(ProviderError) in try await stt.openSession(TranscriptionRequest(format: .telephony)) })
        guard case .badRequest(let detail) = error else { Issue.record("expected badRequest, got \(error)"); return }
        #expect(detail.contains("bad token *** in request"))
        #expect(!String(describing: error).contains(H.apiKey))
    }

    @Test(arguments: [
        (FakeStreamingFault.stallAfterFirstResult, ProviderError.timeout(.midStream)),
        (.slowFirstResult(.seconds(5)), .timeout(.firstResponse)),
        (.disconnectAfterFirstResult, .connectionLost),
        (.closeOnAudio(code: 1008, reason: "DATA-0000"), .badRequest(detail: "Deepgram closed the stream (1008): DATA-0000")),
        (.closeOnAudio(code: 1011, reason: "internal"), .overloaded),
    ])
    func midStreamFaultsEndWithExactlyOneFailureLast(fault: FakeStreamingFault, expected: ProviderError) async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [FakeUtterance("first", afterAudioBytes: 320)], fault: fault)
        defer { Task { await fake.stop() } }
        let stt = try adapter(fake, ["first_result_timeout_ms": .int(1_500), "stall_timeout_ms": .int(1_500)])
        let session = try await stt.openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        for (index, frame) in H.speechFrames(4).enumerated() {
            try? session.send(frame)
            if index == 1 { await recorder.wait(2) { events, ended in ended || !events.finals.isEmpty } }
        }
        // Speech keeps coming, as on a call, until the session gives up.
        var index = 4
        while !recorder.ended, index < 200 {
            try? session.send(H.speech(frame: index))
            index += 1
            await recorder.wait(0.02) { _, ended in ended }
        }
        let events = await recorder.untilEnd()
        #expect(events.failures == [expected])
        #expect(events.last == TranscriptEvent.failed(expected))
    }

    @Test func malformedJSONFailsTheSessionWithMalformedResponse() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [FakeUtterance("x", afterAudioBytes: 160)], fault: .malformedJSON)
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        try session.send(H.speech())
        let events = await recorder.untilEnd()
        guard case .failed(.malformedResponse(let detail))? = events.last else { Issue.record("got \(events)"); return }
        #expect(detail.contains("Deepgram message"))
        #expect(events.failures.count == 1)
        #expect(await fake.traffic.wait { !$0.closeCodes.isEmpty } != nil)
    }

    @Test func aFullOutboundBufferFailsTheSessionAsOverloadedAndSendThrows() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake, ["max_buffered_ms": .int(100)]).openSession(TranscriptionRequest(format: .telephony))
        let recorder = TranscriptRecorder(session)
        // Hold the loop so nothing is flushed: frames pile up in the bounded buffer (100 ms = 5 frames).
        let release = DispatchSemaphore(value: 0)
        let held = DispatchSemaphore(value: 0)
        H.loop.execute {
            held.signal()
            release.wait()
        }
        held.wait()
        var accepted = 0
        var refusal: ProviderError?
        for frame in H.speechFrames(8) {
            do throws(ProviderError) {
                try session.send(frame)
                accepted += 1
            } catch {
                refusal = error
                break
            }
        }
        release.signal()
        #expect(accepted == 5)
        #expect(refusal == .connectionLost)
        #expect(await recorder.untilEnd() == [.failed(.overloaded)])
        #expect(await fake.traffic.wait { !$0.closeCodes.isEmpty } != nil)
    }

    @Test func framesAtAnotherRateAreRefused() async throws {
        let fake = try await FakeDeepgramServer.start(on: H.group, apiKey: H.apiKey, script: [])
        defer { Task { await fake.stop() } }
        let session = try await adapter(fake).openSession(TranscriptionRequest(format: .telephony))
        #expect(throws: ProviderError.self) { try session.send(H.speech(.hz16000)) }
        session.cancel()
    }
}
