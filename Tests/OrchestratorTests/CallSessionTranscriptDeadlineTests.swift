import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

/// An STT stream that stays open but answers nothing while the VAD hears the caller (robustness.md:
/// "speech heard with no transcript within a deadline is an STT failure"): the session fails it over or
/// reopens it, the caller's audio is replayed into the new stream, and its transcript is answered.
@Suite("CallSession transcript-result deadline")
struct CallSessionTranscriptDeadlineTests {
    static let deadline = Duration.seconds(2)
    let settings = TurnSettings.sessionTesting.with { $0.budgets.transcriptResult = Self.deadline }

    /// The caller speaks 25 frames (0–480 ms) then is quiet 10 frames: the VAD's speech end is at 500 ms,
    /// so the deadline is at 2500 ms. Returns once `stream` has every one of those 35 frames.
    func callerSpeaksUnheard(_ call: CallHarness, into stream: FakeTranscriptionSession) async throws {
        await call.speak(frames: 25)
        await call.pause(frames: 10)
        try await stream.waitForFrames(35)
    }

    /// Moves the clock to `instant` once a task sleeps until exactly then.
    func advance(_ call: CallHarness, to instant: Duration) async throws {
        let target = VirtualClock.Instant(offset: instant)
        try await call.clock.sleepRequests.wait(for: "a sleep until \(target)") { $0.contains(target) }
        call.clock.advance(by: instant - call.clock.now.offset)
    }

    @Test func aSilentStreamIsReopenedWithTheCallersAudioAndItsTranscriptIsAnswered() async throws {
        let call = CallHarness(settings: settings)
        await call.session.answer()
        let silent = try await call.stt.session(0)
        try await callerSpeaksUnheard(call, into: silent)

        try await advance(call, to: .milliseconds(2500))
        try await silent.calls.wait(for: "the silent stream cancelled") { $0.contains(.cancel) }
        // Reopened after the first backoff, counted from the failure.
        try await advance(call, to: .milliseconds(2500) + RetryPolicy().initialBackoff)
        let second = try await call.stt.session(1)
        try await second.waitForFrames(35)
        #expect(second.frameMarks.items.filter { $0 != 0 }.count == 25)

        // One outage, one apology (the stream had no other provider); the turn is still answered.
        try await call.transport.events.wait(for: "the recovery phrase and its mark") { events in
            guard let phrase = events.firstIndex(of: .audio(CallHarness.recoveryAudio)) else { return false }
            return events[(phrase + 1)...].contains { $0.mark != nil }
        }
        let words = second.emitFinalOfReceivedAudio()
        await call.playOut()
        let completion = try await call.llm.completion(0)
        #expect(completion.request.messages.last == .user(words))
        #expect(words == "w3000")

        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerFailures.map(\.error) == [.timeout(.firstResponse)])
        #expect(call.transport.events.items.count { $0 == .audio(CallHarness.recoveryAudio) } == 1)
        #expect(call.metrics.observations.items.contains {
            $0.metric == CounterMetric.budgetsExceeded.rawValue && $0.labels.stage == "stt_result"
        })
        #expect(call.clock.pendingSleepers == 0)
    }

    @Test func aSilentProviderBehindARouterFailsOverAndTheFallbackHearsTheCaller() async throws {
        let clock = VirtualClock()
        let routingClock = RoutingClock(clock)
        let observer = RecordingRoutingObserver()
        let primary = FakeSpeechToText(name: "stt-a"), fallback = FakeSpeechToText(name: "stt-b")
        let router = FallbackSpeechToText(
            providers: [primary, fallback].map { ($0, SharedCircuitBreaker(provider: $0.name, clock: routingClock)) },
            clock: routingClock, observer: observer)
        let llm = FakeLanguageModel()
        let call = CallHarness(settings: settings,
                               providers: CallProviders(speechToText: router, languageModel: llm,
                                                        textToSpeech: FakeTextToSpeech()),
                               clock: clock)
        await call.session.answer()
        let silent = try await primary.session(0)
        try await callerSpeaksUnheard(call, into: silent)

        try await advance(call, to: .milliseconds(2500))
        let rescue = try await fallback.session(0)
        try await rescue.waitForFrames(35)
        #expect(rescue.frameMarks.items.filter { $0 != 0 }.count == 25)
        try await silent.calls.wait(for: "the silent provider's stream cancelled") { $0.contains(.cancel) }

        let words = rescue.emitFinalOfReceivedAudio()
        let completion = try await llm.completion(0)
        #expect(completion.request.messages.last == .user(words))

        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerFailures.map(\.error) == [.timeout(.firstResponse)])
        // The layer never went down: no apology, and the session kept its one routed stream.
        #expect(!call.transport.events.items.contains(.audio(CallHarness.recoveryAudio)))
        #expect(primary.sessions.count == 1)
    }

    @Test func aTranscriptInTimeLeavesTheStreamAlone() async throws {
        let call = CallHarness(settings: settings)
        await call.session.answer()
        let stream = try await call.stt.session(0)
        await call.speak(frames: 25)
        await call.pause(frames: 10)
        stream.emit(.partial("Hello"))
        stream.emit(.final("Hello there.", confidence: 0.9))
        let completion = try await call.llm.completion(0)
        #expect(completion.request.messages.last == .user("Hello there."))

        call.clock.advance(by: .seconds(5))  // far past the deadline that was armed at the speech end
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerFailures.isEmpty)
        try await stream.calls.wait(for: "the stream closed with the call") { $0.contains(.cancel) }
        #expect(call.stt.sessions.count == 1)
        #expect(stream.calls.items == [.cancel])
    }
}
