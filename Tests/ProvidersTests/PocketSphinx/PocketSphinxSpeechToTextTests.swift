import Agents
import Media
import Speech
import Synchronization
import Testing
@testable import Providers

@Suite struct PocketSphinxSpeechToTextTests {
    static let request = TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: .hz16000))

    /// The tests send audio faster than real time, so the queue holds all of it.
    private func stt(hooks: SessionHooks = SessionHooks(), queueCapacity: Int = 100_000) throws -> PocketSphinxSpeechToText {
        try PocketSphinxSpeechToText(dialogue: Receptionist.dialogue, configuration: .init(queueCapacity: queueCapacity),
                                     hooks: hooks)
    }

    private func finals(_ events: [TranscriptEvent]) -> [String] {
        events.compactMap { if case .final(let text, _) = $0 { text } else { nil } }
    }

    /// Sends every frame, then `finishAudio`, and collects the events.
    private func transcribe(_ samples: [Int16], with stt: PocketSphinxSpeechToText) async throws -> [TranscriptEvent] {
        try await withTimeout(.seconds(60), "transcription") {
            let session = try await stt.open(Self.request)
            for frame in SpeechAudio.frames(samples, rate: .hz16000) { try session.send(frame) }
            session.finishAudio()
            return await collect(session.events)
        }
    }

    @Test func transcribesTheReceptionistsPhrasesWordForWord() async throws {
        let sentences = ["what are your hours", "book an appointment", "my name is John", "talk to a person",
                         "good morning", "goodbye"]
        var audio: [Int16] = []
        for sentence in sentences {
            audio += SpeechAudio.utterance(try Tools.speech(sentence, rate: 16_000), rate: .hz16000)
        }
        let events = try await transcribe(audio, with: try stt())
        #expect(finals(events) == sentences.map { $0.lowercased() })
    }

    @Test func reportsSpeechStartThenFinalThenUtteranceEnd() async throws {
        let audio = SpeechAudio.utterance(try Tools.speech("when are you open", rate: 16_000), rate: .hz16000)
        let events = try await transcribe(audio, with: try stt())
        let kinds = events.map { event -> String in
            switch event {
            case .speechStarted: "start"
            case .partial: "partial"
            case .final: "final"
            case .utteranceEnd: "end"
            case .failed: "failed"
            }
        }.filter { $0 != "partial" }
        #expect(kinds == ["start", "final", "end"])
        #expect(finals(events) == ["when are you open"])
        let partials = events.compactMap { if case .partial(let text) = $0 { text } else { nil } }
        #expect(!partials.isEmpty, "no partial hypothesis during 1.5 s of speech")
    }

    @Test func noiseAloneIsNotSpeech() async throws {
        // A fresh pocketsphinx detector calls its first second of anything "speech"; the adapter
        // calibrates it first, so a quiet line gives no events at all.
        let events = try await transcribe(SpeechAudio.silence(seconds: 3, rate: .hz16000), with: try stt())
        #expect(events.isEmpty, "\(events)")
    }

    @Test func finishAudioFinalizesTheUtteranceInProgress() async throws {
        // No silence after the words: pocketsphinx is still "in speech" when the audio ends.
        let audio = SpeechAudio.utterance(try Tools.speech("make an appointment", rate: 16_000), rate: .hz16000,
                                          after: 0)
        let events = try await transcribe(audio, with: try stt())
        #expect(finals(events) == ["make an appointment"])
        #expect(events.last == .utteranceEnd)
    }

    @Test(arguments: [SampleRate.hz8000, .hz24000])
    func otherRatesAreRefusedSayingTelephonyNeedsACloudSTT(rate: SampleRate) async throws {
        let stt = try stt()
        do {
            _ = try await stt.openSession(TranscriptionRequest(format: AudioFormat(encoding: .linear16, sampleRate: rate)))
            Issue.record("a \(rate.hertz) Hz session was opened")
        } catch {
            guard case .badRequest(let detail) = error else {
                Issue.record("expected badRequest, got \(error)")
                return
            }
            #expect(detail.contains("needs 16 kHz") && detail.contains("8 kHz telephony")
                    && detail.contains("cloud speech-to-text"), "\(detail)")
        }
    }

    @Test func cancelStopsDecodingAndEndsTheStream() async throws {
        let stopped = Signal()
        let decoded = Mutex(0)
        let stt = try stt(hooks: SessionHooks(workerStopped: { count in
            decoded.withLock { $0 = count }
            stopped.fire()
        }))
        let audio = SpeechAudio.utterance(try Tools.speech("what are your hours", rate: 16_000), rate: .hz16000)
        let frames = SpeechAudio.frames(audio, rate: .hz16000).prefix(150)
        let session = try await stt.open(Self.request)
        // Five minutes of audio queued: far more than the worker decodes while the frames are pushed.
        for _ in 0..<100 {
            for frame in frames { try session.send(frame) }
        }
        session.cancel()
        try await withTimeout(.seconds(30), "worker stop") { await stopped.wait() }
        #expect(decoded.withLock { $0 } < 100 * frames.count, "the worker decoded everything despite cancel")
        let remaining = try await withTimeout(.seconds(30), "events end") { await collect(session.events) }
        #expect(!remaining.contains { if case .failed = $0 { true } else { false } })
        #expect(throws: ProviderError.connectionLost) { try session.send(.silence(.hz16000)) }
    }

    @Test func workerFallingBehindFailsTheSessionLoudly() async throws {
        let stt = try stt(queueCapacity: 5)
        let session = try await withTimeout { try await stt.open(Self.request) }
        let frames = SpeechAudio.frames(SpeechAudio.silence(seconds: 100, rate: .hz16000), rate: .hz16000)
        var refusal: ProviderError?
        for frame in frames {
            do { try session.send(frame) } catch {
                refusal = error
                break
            }
        }
        #expect(refusal == .connectionLost, "100 s of audio sent at once never overflowed a 5-frame queue")
        let events = try await withTimeout { await collect(session.events) }
        #expect(events.last == .failed(.overloaded))
    }

    @Test func framesAtAnotherRateAreRefused() async throws {
        let session = try await withTimeout { try await self.stt().open(Self.request) }
        #expect(throws: ProviderError.self) { try session.send(.silence(.hz8000)) }
        session.cancel()
    }

    @Test func missingModelIsReportedWhenTheAdapterIsMade() {
        #expect(throws: ProviderError.self) {
            try PocketSphinxSpeechToText(dialogue: Receptionist.dialogue,
                                         configuration: .init(model: "/nonexistent/pocketsphinx/model"))
        }
    }

    @Test func agentWithoutPhrasesCannotOpenASession() async throws {
        let stt = try PocketSphinxSpeechToText(dialogue: nil)
        await #expect(throws: ProviderError.self) { _ = try await stt.openSession(Self.request) }
    }

    @Test func settingsAreRead() {
        let configuration = PocketSphinxSpeechToText.Configuration(settings: STTProviderConfig(kind: .pocketsphinx, settings: [
            "capture_words": .map(["name": .list([.string("Zoe"), .string("Mary Ann")])]),
            "capture_max_words": .int(9),
            "phrases": .list([.string("yes please")]),
        ]))
        #expect(configuration.captureVocabulary.entriesByCapture["name"] == ["Zoe", "Mary Ann"])
        #expect(configuration.maximumCaptureWords == IntentPattern.maxCaptureWords)
        #expect(configuration.extraPhrases == ["yes please"])
    }
}

/// A one-shot event a test can await.
final class Signal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { state in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state in
                if !state.fired { state.waiters.append(continuation) }
                return state.fired
            }
            if fired { continuation.resume() }
        }
    }
}
