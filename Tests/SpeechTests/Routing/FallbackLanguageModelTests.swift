import Speech
import SwitchboardTesting
import Testing

@Suite("FallbackLanguageModel")
struct FallbackLanguageModelTests {
    @Test func primaryDownAtStartMovesTheSameRequestToTheFallback() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary", behavior: .failing(.overloaded))
        let fallback = FakeLanguageModel(name: "fallback", behavior: .replying(["Sunny", " and warm."]))
        let router = world.languageModel([primary, fallback])

        let events = try await StreamRecorder(router.complete(sampleRequest)).all()

        #expect(events.text == "Sunny and warm.")
        #expect(events.last == .done(nil))
        #expect(try await fallback.completion(0).request == sampleRequest)
        #expect(world.observer.entries.items.contains(
            .failedOver(.languageModel, from: "primary", to: "fallback", error: .overloaded, midStream: false)))
    }

    @Test func failureMidReplyAsksTheFallbackToContinueAndKeepsTheTokensAlreadySent() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary")
        let fallback = FakeLanguageModel(name: "fallback")
        let recorder = StreamRecorder(world.languageModel([primary, fallback]).complete(sampleRequest))

        let first = try await primary.completion(0)
        first.token("It is")
        first.token(" sunny")
        first.fail(.connectionLost)
        let second = try await fallback.completion(0)
        #expect(second.request.messages.dropLast(2) == sampleRequest.messages[...])
        #expect(second.request.messages.suffix(2) == [.assistant("It is sunny"), .user(LanguageModelContinuation.instruction)])
        second.token(" today.")
        second.finish()

        let events = try await recorder.all()
        #expect(events.text == "It is sunny today.")
        #expect(events.last == .done(nil))
        #expect(world.observer.entries.items.contains(
            .failedOver(.languageModel, from: "primary", to: "fallback", error: .connectionLost, midStream: true)))
    }

    @Test func slowPrimaryIsHedgedAndTheLoserRequestIsCancelled() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary")
        let fallback = FakeLanguageModel(name: "fallback")
        let router = world.languageModel([primary, fallback], budget: .init(hedgeAfter: .milliseconds(300)))
        let recorder = StreamRecorder(router.complete(sampleRequest))

        let slow = try await primary.completion(0)
        world.clock.advance(by: .milliseconds(300))
        let hedge = try await fallback.completion(0)
        #expect(hedge.request == sampleRequest)
        hedge.token("Sunny.")
        try await slow.waitUntilCancelled()
        hedge.finish()

        let events = try await recorder.all()
        #expect(events.text == "Sunny.")
        #expect(world.observer.entries.items.contains(.hedgeStarted(.languageModel, primary: "primary", hedge: "fallback")))
        #expect(world.observer.entries.items.contains(
            .hedgeSettled(.languageModel, winner: "fallback", loser: "primary", hedgeWon: true)))
        #expect(world.observer.positions(of: "primary").isEmpty, "a hedge loser is not a failure")
    }

    @Test func primaryThatAnswersFirstAfterTheHedgeStartedWinsAndTheHedgeIsCancelled() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary")
        let fallback = FakeLanguageModel(name: "fallback")
        let router = world.languageModel([primary, fallback], budget: .init(hedgeAfter: .milliseconds(300)))
        let recorder = StreamRecorder(router.complete(sampleRequest))

        let slow = try await primary.completion(0)
        world.clock.advance(by: .milliseconds(300))
        let hedge = try await fallback.completion(0)
        slow.token("Rain.")
        try await hedge.waitUntilCancelled()
        slow.finish()

        #expect(try await recorder.all().text == "Rain.")
        #expect(world.observer.entries.items.contains(
            .hedgeSettled(.languageModel, winner: "primary", loser: "fallback", hedgeWon: false)))
    }

    @Test func fastPrimaryIsNeverHedged() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary")
        let fallback = FakeLanguageModel(name: "fallback")
        let router = world.languageModel([primary, fallback], budget: .init(hedgeAfter: .milliseconds(300)))
        let recorder = StreamRecorder(router.complete(sampleRequest))

        let fast = try await primary.completion(0)
        world.clock.advance(by: .milliseconds(100))
        fast.token("Sunny")
        try await recorder.events.wait(for: "first token") { !$0.isEmpty }
        world.clock.advance(by: .seconds(2))
        fast.token(".")
        fast.finish()

        #expect(try await recorder.all().text == "Sunny.")
        #expect(fallback.completions.count == 0)
        #expect(world.observer.hedgesStarted == 0)
    }

    @Test func noFirstTokenWithinTheDeadlineAbortsThePrimaryAndFailsOver() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary")
        let fallback = FakeLanguageModel(name: "fallback", behavior: .replying(["Hi."]))
        let router = world.languageModel([primary, fallback], budget: .init(firstOutputTimeout: .seconds(2)))
        let recorder = StreamRecorder(router.complete(sampleRequest))

        let stalled = try await primary.completion(0)
        world.clock.advance(by: .seconds(2))
        try await stalled.waitUntilCancelled()

        #expect(try await recorder.all().text == "Hi.")
        #expect(world.observer.entries.items.contains(
            .failedOver(.languageModel, from: "primary", to: "fallback", error: .timeout(.firstResponse), midStream: false)))
    }

    @Test func everyProviderDownEndsTheStreamWithTheLastFailure() async throws {
        let world = RoutingWorld()
        let router = world.languageModel([FakeLanguageModel(name: "a", behavior: .failing(.auth)),
                                          FakeLanguageModel(name: "b", behavior: .failing(.rateLimited(retryAfter: nil)))])

        let events = try await StreamRecorder(router.complete(sampleRequest)).all()

        #expect(events == [.failed(.rateLimited(retryAfter: nil))])
        #expect(world.observer.entries.items.contains(
            .failedOver(.languageModel, from: "b", to: nil, error: .rateLimited(retryAfter: nil), midStream: false)))
    }

    @Test func consumerCancellationAbortsTheRequestWithoutCountingAgainstTheProvider() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary")
        let policy = CircuitBreakerPolicy(consecutiveFailureLimit: 1)
        let router = world.languageModel([primary, FakeLanguageModel(name: "fallback")], policy: policy)
        let recorder = StreamRecorder(router.complete(sampleRequest))

        let request = try await primary.completion(0)
        recorder.cancel()
        try await request.waitUntilCancelled()
        _ = try await recorder.all()

        #expect(world.observer.positions(of: "primary").isEmpty)
        // The breaker (limit 1) is still closed: a second request reaches the primary.
        _ = StreamRecorder(router.complete(sampleRequest))
        _ = try await primary.completion(1)
    }

    @Test func breakerOpensAfterRepeatedFailuresSkipsTheProviderThenHalfOpensAndRecovers() async throws {
        let world = RoutingWorld()
        let primary = FakeLanguageModel(name: "primary", behavior: .failing(.overloaded))
        let fallback = FakeLanguageModel(name: "fallback", behavior: .replying(["ok"]))
        let policy = CircuitBreakerPolicy(consecutiveFailureLimit: 2, coolDown: .seconds(30))
        let router = world.languageModel([primary, fallback], policy: policy)

        for _ in 0..<2 { #expect(try await StreamRecorder(router.complete(sampleRequest)).all().text == "ok") }
        #expect(world.observer.positions(of: "primary") == [.open])

        #expect(try await StreamRecorder(router.complete(sampleRequest)).all().text == "ok")
        #expect(primary.completions.count == 2, "an open breaker skips the provider")
        #expect(world.observer.entries.items.contains(.skipped(.languageModel, provider: "primary")))

        world.clock.advance(by: .seconds(30))
        primary.behavior = .replying(["back"])
        #expect(try await StreamRecorder(router.complete(sampleRequest)).all().text == "back")
        #expect(world.observer.positions(of: "primary") == [.open, .halfOpen, .closed])
        #expect(fallback.completions.count == 3)
    }
}
