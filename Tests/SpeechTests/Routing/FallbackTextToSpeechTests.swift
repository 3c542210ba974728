import Speech
import SwitchboardTesting
import Testing

@Suite("FallbackTextToSpeech")
struct FallbackTextToSpeechTests {
    @Test func failureMidSentenceResynthesizesOnTheFallbackAndSkipsTheAudioAlreadyDelivered() async throws {
        let world = RoutingWorld()
        let primary = FakeTextToSpeech(name: "primary")
        let fallback = FakeTextToSpeech(name: "fallback")
        let recorder = StreamRecorder(world.textToSpeech([primary, fallback]).synthesize(sampleSentence))

        let first = try await primary.synthesis(0)
        first.send(.filled(.milliseconds(200), format: .telephony, with: 7))
        first.fail(.connectionLost)
        let second = try await fallback.synthesis(0)
        #expect(second.request == sampleSentence, "the same sentence, re-synthesized")
        second.send(.filled(.milliseconds(120), format: .telephony, with: 9))
        second.send(.filled(.milliseconds(380), format: .telephony, with: 9))
        second.done()

        let events = try await recorder.all()
        let bytes = events.audioBytes
        // 200 ms delivered by the primary, then the fallback's audio from 200 ms on: 300 ms more.
        #expect(bytes.count == 8 * 500)
        #expect(bytes.prefix(1600).allSatisfy { $0 == 7 })
        #expect(bytes.dropFirst(1600).allSatisfy { $0 == 9 })
        #expect(events.last == .done)
        #expect(world.observer.entries.items.contains(
            .failedOver(.textToSpeech, from: "primary", to: "fallback", error: .connectionLost, midStream: true)))
    }

    @Test func slowFirstAudioIsHedgedAndTheLoserIsCancelled() async throws {
        let world = RoutingWorld()
        let primary = FakeTextToSpeech(name: "primary")
        let fallback = FakeTextToSpeech(name: "fallback")
        let router = world.textToSpeech([primary, fallback], budget: .init(hedgeAfter: .milliseconds(250)))
        let recorder = StreamRecorder(router.synthesize(sampleSentence))

        let slow = try await primary.synthesis(0)
        world.clock.advance(by: .milliseconds(250))
        let hedge = try await fallback.synthesis(0)
        hedge.audio(.milliseconds(100))
        try await slow.waitUntilCancelled()
        hedge.done()

        #expect(try await recorder.all().audioBytes.count == 800)
        #expect(world.observer.entries.items.contains(
            .hedgeSettled(.textToSpeech, winner: "fallback", loser: "primary", hedgeWon: true)))
    }

    @Test func primaryDownMovesToTheFallbackAndReportsTheTimeToItsFirstAudio() async throws {
        let world = RoutingWorld()
        let primary = FakeTextToSpeech(name: "primary", behavior: .failing(.auth))
        let fallback = FakeTextToSpeech(name: "fallback")
        let recorder = StreamRecorder(world.textToSpeech([primary, fallback]).synthesize(sampleSentence))

        let second = try await fallback.synthesis(0)
        world.clock.advance(by: .milliseconds(40))
        second.audio(.milliseconds(60))
        second.done()

        #expect(try await recorder.all().audioBytes.count == 480)
        #expect(world.observer.entries.items.contains(
            .fallbackResponded(.textToSpeech, provider: "fallback", afterFailure: .milliseconds(40))))
    }

    @Test func everyVoiceDownEndsWithFailed() async throws {
        let world = RoutingWorld()
        let router = world.textToSpeech([FakeTextToSpeech(name: "a", behavior: .failing(.auth)),
                                         FakeTextToSpeech(name: "b", behavior: .failing(.overloaded))])
        #expect(try await StreamRecorder(router.synthesize(sampleSentence)).all() == [.failed(.overloaded)])
    }

    @Test func lastResortVoiceIsTriedAfterEveryOther() async throws {
        let world = RoutingWorld()
        let offline = FakeTextToSpeech(name: "offline", behavior: .immediate(perCharacter: .milliseconds(10)))
        let router = world.textToSpeech([FakeTextToSpeech(name: "cloud", behavior: .failing(.auth))])
            .appending(lastResort: offline, breaker: world.breaker("offline"))

        let events = try await StreamRecorder(router.synthesize(sampleSentence)).all()

        #expect(events.last == .done)
        #expect(offline.syntheses.count == 1)
        #expect(router.name == "cloud")
    }
}
