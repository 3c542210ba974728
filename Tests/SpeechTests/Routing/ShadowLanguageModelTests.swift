import Speech
import SwitchboardTesting
import Testing

@Suite struct ShadowLanguageModelTests {
    let primary = FakeLanguageModel(name: "primary")
    let shadow = FakeLanguageModel(name: "shadow")
    let clock = VirtualClock()
    let reports = ObservationLog<ShadowReport>()

    func model(grace: Duration = .seconds(5)) -> ShadowLanguageModel<VirtualClock> {
        ShadowLanguageModel(primary: primary, shadow: shadow, policy: ShadowPolicy(completionGrace: grace),
                            clock: clock, observer: { [reports] in reports.append($0) })
    }

    @Test func shadowGetsSameRequestAndCallerGetsOnlyPrimaryReply() async throws {
        let request = CompletionRequest(messages: [.system("be brief"), .user("hello")], maximumTokens: 50)
        var events = model().complete(request).makeAsyncIterator()
        let first = try await primary.completion(0)
        let second = try await shadow.completion(0)
        #expect(first.request == request && second.request == request)

        clock.advance(by: .milliseconds(300))
        first.token("Hello ")
        #expect(await events.next() == .token("Hello "))
        clock.advance(by: .milliseconds(200))
        second.token("Hi there")
        second.finish(usage: TokenUsage(promptTokens: 10, completionTokens: 2))
        first.token("there")
        first.finish()
        var rest: [CompletionEvent] = []
        while let event = await events.next() { rest.append(event) }
        #expect(rest == [.token("there"), .done(nil)])

        let report = try await reports.element(0)
        #expect(report.layer == .llm)
        #expect(report.primary == ShadowSide(provider: "primary", firstResultLatency: .milliseconds(300), text: "Hello there",
                                             outcome: .completed))
        #expect(report.shadow == ShadowSide(provider: "shadow", firstResultLatency: .milliseconds(500), text: "Hi there",
                                            usage: TokenUsage(promptTokens: 10, completionTokens: 2), outcome: .completed))
        #expect(report.wordErrorRate == WordErrorRate(substitutions: 1, deletions: 0, insertions: 0, referenceWords: 2))
    }

    @Test func shadowFailureLeavesPrimaryUntouched() async throws {
        let stream = model().complete(CompletionRequest(messages: [.user("hi")]))
        try await shadow.completion(0).fail(.auth)
        let first = try await primary.completion(0)
        first.token("Hello")
        first.finish()
        var events: [CompletionEvent] = []
        for await event in stream { events.append(event) }
        #expect(events == [.token("Hello"), .done(nil)])
        let report = try await reports.element(0)
        #expect(report.shadow.outcome == .failed(.auth))
        #expect(report.primary.outcome == .completed)
    }

    @Test func cancellingPrimaryCancelsShadow() async throws {
        let stream = model().complete(CompletionRequest(messages: [.user("hi")]))
        let task = Task { for await _ in stream {} }
        let first = try await primary.completion(0)
        let second = try await shadow.completion(0)
        first.token("Hel")
        task.cancel()
        try await first.waitUntilCancelled()
        try await second.waitUntilCancelled()
        let report = try await reports.element(0)
        #expect(report.primary.outcome == .cancelled)
        #expect(report.shadow.outcome == .cancelled)
    }

    @Test func slowShadowIsCancelledAfterGrace() async throws {
        let stream = model(grace: .seconds(2)).complete(CompletionRequest(messages: [.user("hi")]))
        try await primary.completion(0).finish()
        for await _ in stream {}
        let second = try await shadow.completion(0)
        try await clock.sleepRequests.wait(for: "the grace timer") { $0.count == 1 }
        #expect(!second.wasCancelled)
        clock.advance(by: .seconds(2))
        try await second.waitUntilCancelled()
        #expect(try await reports.element(0).shadow.outcome == .cancelled)
    }
}
