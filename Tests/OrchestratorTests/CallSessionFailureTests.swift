import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

@Suite struct CallSessionFailureTests {
    @Test func languageModelFailurePlaysTheRecoveryPhraseAndKeepsTheTurn() async throws {
        let call = CallHarness()
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("Can I book a table?", on: stt)
        try await call.llm.completion(0).fail(.overloaded)
        let events = try await call.transport.events.wait(for: "recovery phrase") { $0.count >= 2 }
        #expect(events == [.audio(CallHarness.recoveryAudio), .mark(MarkID(1))])
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        #expect(await call.session.history.entries == [
            .user("Can I book a table?"),
            .agent(TurnSettings.sessionTesting.phrases.recovery, interrupted: false, toolCalls: []),
        ])
        #expect(call.metrics.count(of: .providerFailures)
                == [MetricLabels(agent: "ada", provider: "fake-llm", stage: "llm")])
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerFailures.map(\.error) == [.overloaded])
        #expect(record.providerFailures.first?.layer == .languageModel)
        #expect(record.providerFailures.first?.provider == "fake-llm")
    }

    @Test func cannedPhrasesStillPlayWithEveryTextToSpeechDown() async throws {
        let tts = FakeTextToSpeech(behavior: .failing(.auth))
        let call = CallHarness(settings: .sessionTesting.with { $0.greeting = "Welcome to Ada's bakery." }, tts: tts)
        await call.session.answer()
        // The greeting cannot be synthesized: the caller hears the recovery phrase instead of silence.
        try await call.transport.waitForMark(MarkID(1))
        #expect(call.transport.events.items == [.audio(CallHarness.recoveryAudio), .mark(MarkID(1))])
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        // A caller turn whose answer cannot be spoken: the recovery phrase again.
        let stt = try await call.stt.session(0)
        await call.callerSays("Hello?", on: stt)
        try await call.llm.completion(0).token("Hi there. ")
        try await call.transport.waitForMark(MarkID(2))
        #expect(call.transport.events.items.suffix(2) == [.audio(CallHarness.recoveryAudio), .mark(MarkID(2))])
        await call.playOut()
        try await call.waitForRepliesEnded(2)
        // Nobody speaks: reprompt (cannot be synthesized either, so recovery), then the goodbye.
        call.clock.advance(by: .seconds(8))
        try await call.transport.waitForMark(MarkID(3))
        await call.playOut()
        try await call.waitForRepliesEnded(3)
        call.clock.advance(by: .seconds(8))
        try await call.transport.waitForMark(MarkID(4))
        #expect(call.transport.events.items.suffix(2) == [.audio(CallHarness.noInputGoodbyeAudio), .mark(MarkID(4))])
        await call.playOut()
        let record = try await call.record()
        #expect(record.endReason == .noInput)
        #expect(record.silentPhrases.isEmpty)
        #expect(record.providerFailures.allSatisfy { $0.layer == .textToSpeech && $0.error == .auth })
        #expect(record.providerFailures.count == 3)
    }

    @Test func phrasesNotGivenAreSynthesizedWhenTheCallIsAnswered() async throws {
        let tts = FakeTextToSpeech(behavior: .immediate(perCharacter: .milliseconds(10)))
        let call = CallHarness(tts: tts, phrases: nil)
        await call.session.answer()
        await call.session.cannedPhrasesSettled()
        #expect(await call.session.readyPhrases == CannedPhraseAudio.sessionPhrases)
        let texts = Set(tts.syntheses.items.map(\.request.text))
        let phrases = TurnSettings.sessionTesting.phrases
        #expect(texts == [phrases.recovery, phrases.noInputGoodbye, phrases.maximumDurationGoodbye, phrases.transferFailed])
        // Now every TTS call fails; the recovery phrase synthesized at answer still plays.
        tts.behavior = .failing(.overloaded)
        let stt = try await call.stt.session(0)
        await call.callerSays("Hello?", on: stt)
        try await call.llm.completion(0).token("Hi there. ")
        try await call.transport.waitForMark(MarkID(1))
        let recovery = try #require(tts.syntheses.items.first { $0.request.text == phrases.recovery })
        let expected = AudioChunk.filled(.milliseconds(10) * phrases.recovery.count, format: .telephony, with: recovery.fill)
        #expect(call.transport.events.items == [.audio(expected), .mark(MarkID(1))])
    }

    @Test func phraseWithoutAudioIsSkippedButTheCallGoesOn() async throws {
        let tts = FakeTextToSpeech(behavior: .failing(.connectionLost))
        let call = CallHarness(tts: tts, phrases: nil)
        await call.session.answer()
        await call.session.cannedPhrasesSettled()
        let stt = try await call.stt.session(0)
        await call.callerSays("Hello?", on: stt)
        try await call.llm.completion(0).fail(.auth)
        try await call.transport.waitForMark(MarkID(1))
        #expect(call.transport.events.items == [.mark(MarkID(1))])
        await call.playOut()
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.silentPhrases == [.recovery])
        #expect(call.metrics.count(of: .silentPhrases).count == 1)
    }

    @Test func audioInTheWrongFormatFailsTheSentence() async throws {
        let call = CallHarness()
        await call.session.answer()
        let stt = try await call.stt.session(0)
        await call.callerSays("Hello?", on: stt)
        try await call.llm.completion(0).token("Hi there. ")
        let synthesis = try await call.tts.synthesis(0)
        let wrong = AudioFormat(encoding: .linear16, sampleRate: .hz24000)
        synthesis.send(.filled(.milliseconds(100), format: wrong, with: 9))
        try await synthesis.waitUntilCancelled()
        try await call.transport.waitForMark(MarkID(1))
        #expect(call.transport.events.items == [.audio(CallHarness.recoveryAudio), .mark(MarkID(1))])
    }

    @Test func failedTranscriptionIsReopenedAndGivenTheUnfinalizedAudio() async throws {
        let call = CallHarness()
        await call.session.answer()
        let first = try await call.stt.session(0)
        await call.speak(frames: 10)
        first.emit(.failed(.connectionLost))
        try await first.calls.wait(for: "cancel") { $0.contains(.cancel) }
        // The retry waits its backoff on the call's clock, then replays the 10 frames.
        call.clock.advance(by: RetryPolicy().initialBackoff)
        let second = try await call.stt.session(1)
        try await second.waitForFrames(10)
        await call.speak(frames: 5)
        #expect(second.framesReceived == 15)
        second.emit(.final("Hello there.", confidence: nil))
        await call.pause(frames: 1)
        let completion = try await call.llm.completion(0)
        #expect(completion.request.messages.last == .user("Hello there."))
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerFailures.map(\.error) == [.connectionLost])
        #expect(record.providerFailures.first?.provider == "fake-stt")
    }

    @Test func transcriptionRetriesAreBounded() async throws {
        let call = CallHarness()
        let attempts = RetryPolicy().maximumAttempts
        call.stt.failNextOpens([ProviderError](repeating: .auth, count: attempts + 1))
        await call.session.answer()
        for failure in 1...attempts {
            // Each failure fixes its retry's deadline on the call's clock; moving past it retries.
            try await call.metrics.observations.wait(for: "failure \(failure)") {
                $0.filter { $0.metric == CounterMetric.providerFailures.rawValue }.count >= failure
            }
            call.clock.advance(by: RetryPolicy().maximumBackoff)
        }
        try await call.metrics.observations.wait(for: "the last failure") {
            $0.filter { $0.metric == CounterMetric.providerFailures.rawValue }.count >= attempts + 1
        }
        await call.session.dtmf("#")
        await call.session.hangUp()
        let record = try await call.record()
        #expect(record.providerFailures.count == attempts + 1)
        #expect(call.stt.sessions.count == 0)
        #expect(call.clock.pendingSleepers == 0)
    }
}
