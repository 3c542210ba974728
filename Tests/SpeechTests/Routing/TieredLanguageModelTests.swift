import Speech
import SwitchboardTesting
import Testing

@Suite struct TieredLanguageModelTests {
    @Test func simpleTurnIsAnsweredByFastModelOnly() async throws {
        let fast = FakeLanguageModel(name: "fast")
        let strong = FakeLanguageModel(name: "strong")
        let decisions = ObservationLog<TurnClassification>()
        let tiered = TieredLanguageModel(fast: fast, strong: strong, observer: { decisions.append($0) })
        let stream = tiered.complete(CompletionRequest(messages: [.user("yes please")]))
        let completion = try await fast.completion(0)
        completion.token("Great.")
        completion.finish()
        var events: [CompletionEvent] = []
        for await event in stream { events.append(event) }
        #expect(events == [.token("Great."), .done(nil)])
        #expect(strong.completions.count == 0)
        #expect(decisions.items == [TurnClassification(tier: .fast, reason: .simple(words: 2))])
        #expect(tiered.name == "strong")
    }

    @Test func complexTurnIsAnsweredByStrongModel() async throws {
        let fast = FakeLanguageModel(name: "fast")
        let strong = FakeLanguageModel(name: "strong")
        let tiered = TieredLanguageModel(fast: fast, strong: strong)
        let request = CompletionRequest(messages: [.user("I need to reschedule my appointment")])
        _ = tiered.complete(request)
        let completion = try await strong.completion(0)
        #expect(completion.request == request)
        #expect(fast.completions.count == 0)
    }

    @Test func cancellingTieredStreamCancelsChosenModel() async throws {
        let fast = FakeLanguageModel(name: "fast")
        let tiered = TieredLanguageModel(fast: fast, strong: FakeLanguageModel(name: "strong"))
        let task = Task {
            for await _ in tiered.complete(CompletionRequest(messages: [.user("ok")])) {}
        }
        let completion = try await fast.completion(0)
        task.cancel()
        try await completion.waitUntilCancelled()
    }
}
