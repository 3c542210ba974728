import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

/// Calls whose providers are routers over several fakes: the session sees one provider per layer.
@Suite("CallSession with provider routers")
struct CallSessionRoutingTests {
    /// Routers and their fakes on one routing clock (the call's virtual clock).
    struct Routed {
        let clock = VirtualClock()
        let observer = RecordingRoutingObserver()
        let stt = [FakeSpeechToText(name: "stt-a"), FakeSpeechToText(name: "stt-b")]
        let llm = [FakeLanguageModel(name: "llm-a"), FakeLanguageModel(name: "llm-b")]
        let tts = [FakeTextToSpeech(name: "tts-a", behavior: .immediate(perCharacter: .milliseconds(10))),
                   FakeTextToSpeech(name: "tts-b", behavior: .immediate(perCharacter: .milliseconds(10)))]

        var providers: CallProviders {
            let routingClock = RoutingClock(clock)
            func breaker(_ name: String) -> SharedCircuitBreaker { SharedCircuitBreaker(provider: name, clock: routingClock) }
            return CallProviders(
                speechToText: FallbackSpeechToText(providers: stt.map { ($0, breaker($0.name)) }, clock: routingClock,
                                                   observer: observer),
                languageModel: FallbackLanguageModel(providers: llm.map { ($0, breaker($0.name)) }, clock: routingClock,
                                                     observer: observer),
                textToSpeech: FallbackTextToSpeech(providers: tts.map { ($0, breaker($0.name)) }, clock: routingClock,
                                                   observer: observer))
        }
    }

    func harness(_ routed: Routed) -> CallHarness {
        CallHarness(providers: routed.providers, clock: routed.clock)
    }

    /// Waits until the recovery phrase and the mark after it were sent, so `playOut` reports that mark.
    func recoveryPhraseSent(_ call: CallHarness) async throws {
        try await call.transport.events.wait(for: "the recovery phrase and its mark") { events in
            guard let phrase = events.lastIndex(of: .audio(CallHarness.recoveryAudio)) else { return false }
            return events[(phrase + 1)...].contains { $0.mark != nil }
        }
    }

    func recoveryPlays(_ call: CallHarness) -> Int {
        call.transport.events.items.count { $0 == .audio(CallHarness.recoveryAudio) }
    }

    @Test func everyLanguageModelDownPlaysTheRecoveryPhraseAndTheNextTurnIsAnswered() async throws {
        let routed = Routed()
        for model in routed.llm { model.behavior = .failing(.overloaded) }
        let call = harness(routed)
        await call.session.answer()
        let stt = try await routed.stt[0].session(0)

        await call.callerSays("What's the weather?", on: stt)
        try await recoveryPhraseSent(call)
        await call.playOut()
        try await call.waitForRepliesEnded(1)

        routed.llm[1].behavior = .replying(["It is sunny."])
        await call.callerSays("Hello?", on: stt)
        let sentence = try await routed.tts[0].synthesis(0)
        #expect(sentence.request.text == "It is sunny.")
        try await call.transport.waitFor("the answer's audio") { $0.audio?.bytes.first == sentence.fill }
        #expect(await !call.session.hasEnded)
        #expect(recoveryPlays(call) == 1)
    }

    @Test func everyVoiceDownPlaysTheCannedRecoveryPhraseAndTheCallGoesOn() async throws {
        let routed = Routed()
        for voice in routed.tts { voice.behavior = .failing(.auth) }
        routed.llm[0].behavior = .replying(["It is sunny."])
        let call = harness(routed)
        await call.session.answer()
        let stt = try await routed.stt[0].session(0)

        await call.callerSays("What's the weather?", on: stt)
        try await recoveryPhraseSent(call)
        await call.playOut()
        try await call.waitForRepliesEnded(1)

        routed.tts[1].behavior = .immediate(perCharacter: .milliseconds(10))
        await call.callerSays("Hello?", on: stt)
        try await call.transport.waitFor("audio of the second answer") {
            guard let bytes = $0.audio?.bytes, let first = bytes.first else { return false }
            return first != CallHarness.recoveryAudio.bytes.first
        }
        #expect(await !call.session.hasEnded)
    }

    @Test func languageModelDyingMidReplyIsContinuedByTheFallbackAndTheCallerHearsOneSentence() async throws {
        let routed = Routed()
        let call = harness(routed)
        await call.session.answer()
        let stt = try await routed.stt[0].session(0)

        await call.callerSays("What's the weather?", on: stt)
        let primary = try await routed.llm[0].completion(0)
        primary.token("It is")
        primary.fail(.connectionLost)
        let fallback = try await routed.llm[1].completion(0)
        #expect(fallback.request.messages.last == .user(LanguageModelContinuation.instruction))
        fallback.token(" sunny today.")
        fallback.finish()

        let synthesis = try await routed.tts[0].synthesis(0)
        #expect(synthesis.request.text == "It is sunny today.")
        try await call.transport.waitFor("answer audio") { $0.audio?.bytes.first == synthesis.fill }
        #expect(recoveryPlays(call) == 0)
    }

    @Test func speechToTextFailoverKeepsTheWordsSpokenBeforeTheFailure() async throws {
        let routed = Routed()
        routed.llm[0].behavior = .replying(["Sure."])
        let call = harness(routed)
        await call.session.answer()
        let first = try await routed.stt[0].session(0)

        await call.speak(frames: 10)
        try await first.waitForFrames(10)
        first.emit(.failed(.connectionLost))
        let second = try await routed.stt[1].session(0)
        try await second.waitForFrames(10)
        await call.speak(frames: 5)
        await call.pause(frames: 10)
        try await second.waitForFrames(25)
        let heard = second.emitFinalOfReceivedAudio()

        let request = try await routed.llm[0].completion(0).request
        #expect(request.messages.last == .user(heard))
        #expect(heard == "w3000", "the loud frames spoken before the failure reached the fallback")
        #expect(second.frameMarks.items.prefix(10).allSatisfy { $0 == 3000 })
        #expect(recoveryPlays(call) == 0, "a failover the caller never noticed needs no apology")
    }

    @Test func speechToTextDownPlaysTheRecoveryPhraseOnceWhileTheSessionKeepsRetrying() async throws {
        let routed = Routed()
        for provider in routed.stt { provider.failNextOpens([.auth, .auth]) }
        let call = harness(routed)
        await call.session.answer()

        try await recoveryPhraseSent(call)
        await call.playOut()
        // Each failed opening (both providers refused) is retried after a backoff counted from the failure:
        // wait for the retry's timer before moving time past it, so no retry is scheduled behind the clock.
        for (attempt, backoff) in [(1, Duration.milliseconds(100)), (2, .milliseconds(200))] {
            try await routed.stt[1].openAttempts.wait(for: "the fallback's opening #\(attempt)") { $0.count >= attempt }
            let retryAt = routed.clock.now.advanced(by: backoff)
            try await routed.clock.sleepRequests.wait(for: "retry timer #\(attempt)") { $0.contains(retryAt) }
            await call.pause(frames: 1)
            routed.clock.advance(by: backoff)
        }
        let recovered = try await routed.stt[0].session(0)
        recovered.emit(.final("Hello", confidence: nil))
        _ = try await routed.llm[0].completion(0)
        #expect(recoveryPlays(call) == 1)
        #expect(await !call.session.hasEnded)
    }
}
