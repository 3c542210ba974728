import Media
import Speech
import SwitchboardTesting
import Testing

@Suite struct MeteredProvidersTests {
    @Test func languageModelTokensArePricedExactly() async throws {
        let usage = CallUsage()
        let prices = UsagePrices(inputTokensPerMillion: 2_500_000, outputTokensPerMillion: 10_000_000)
        let inner = FakeLanguageModel(name: "openai")
        let model = MeteredLanguageModel(inner, meter: usage.meter(layer: .llm, provider: "openai", prices: prices))
        let stream = model.complete(CompletionRequest(messages: [.user("hi")]))
        let completion = try await inner.completion(0)
        completion.token("Hello")
        completion.finish(usage: TokenUsage(promptTokens: 1_200, completionTokens: 300))
        var events: [CompletionEvent] = []
        for await event in stream { events.append(event) }
        #expect(events == [.token("Hello"), .done(TokenUsage(promptTokens: 1_200, completionTokens: 300))])
        let entry = try #require(usage.entries.first)
        #expect(entry.usage == ProviderUsage(requests: 1, inputTokens: 1_200, outputTokens: 300))
        // 1 200 × $2.50/M + 300 × $10/M = $0.003 + $0.003
        #expect(entry.cost == CostAmount(picodollars: 6_000_000_000))
        #expect(entry.cost?.microdollars == 6_000 && entry.cost?.description == "$0.006000")
    }

    @Test func failedCompletionIsCountedWithoutUsage() async throws {
        let usage = CallUsage()
        let inner = FakeLanguageModel(name: "groq")
        let model = MeteredLanguageModel(inner, meter: usage.meter(layer: .llm, provider: "groq"))
        let stream = model.complete(CompletionRequest(messages: [.user("hi")]))
        try await inner.completion(0).fail(.overloaded)
        for await _ in stream {}
        #expect(usage.entries.first?.usage == ProviderUsage(requests: 1, requestsWithoutUsage: 1))
        #expect(usage.entries.first?.cost == nil)
    }

    @Test func cancellingMeteredStreamCancelsProvider() async throws {
        let inner = FakeLanguageModel()
        let model = MeteredLanguageModel(inner, meter: CallUsage().meter(layer: .llm, provider: "x"))
        let task = Task { for await _ in model.complete(CompletionRequest(messages: [.user("hi")])) {} }
        let completion = try await inner.completion(0)
        task.cancel()
        try await completion.waitUntilCancelled()
    }

    @Test func textToSpeechCharactersArePriced() async throws {
        let usage = CallUsage()
        let inner = FakeTextToSpeech(name: "cartesia", behavior: .immediate(perCharacter: .milliseconds(1)))
        let tts = MeteredTextToSpeech(inner, meter: usage.meter(layer: .tts, provider: "cartesia",
                                                                prices: UsagePrices(charactersPerMillion: 15_000_000)))
        for text in ["Hello there.", "Señor, ¿qué tal?"] {
            for await _ in tts.synthesize(SynthesisRequest(text: text, voice: "v", format: .telephony)) {}
        }
        let entry = try #require(usage.entries.first)
        #expect(entry.usage == ProviderUsage(requests: 2, characters: 28))
        #expect(entry.cost == CostAmount(picodollars: 28 * 15_000_000))
    }

    @Test func speechToTextAudioMinutesArePriced() async throws {
        let usage = CallUsage()
        let inner = FakeSpeechToText(name: "deepgram")
        let stt = MeteredSpeechToText(inner, meter: usage.meter(layer: .stt, provider: "deepgram",
                                                                prices: UsagePrices(audioPerMinute: 4_300)))
        let session = try await stt.openSession(TranscriptionRequest(format: .telephony))
        for _ in 0..<3_000 { try session.send(.silence(.hz8000)) }  // 60 s
        let entry = try #require(usage.entries.first)
        #expect(entry.usage == ProviderUsage(requests: 1, audioMicroseconds: 60_000_000))
        #expect(entry.cost?.microdollars == 4_300)
    }

    @Test func rejectedFramesAreNotBilled() async throws {
        let usage = CallUsage()
        let inner = FakeSpeechToText()
        let stt = MeteredSpeechToText(inner, meter: usage.meter(layer: .stt, provider: "x"))
        let session = try await stt.openSession(TranscriptionRequest(format: .telephony))
        try session.send(.silence(.hz8000))
        try await inner.session(0).failSends(with: .connectionLost)
        #expect(throws: ProviderError.connectionLost) { try session.send(.silence(.hz8000)) }
        #expect(usage.entries.first?.usage.audioMicroseconds == 20_000)
    }

    @Test func decimalPricesAddWithoutFloatingPointDrift() {
        // Ten requests of 100 000 tokens at $0.10/M: exactly $0.10, where doubles give 0.09999999999999999.
        let prices = UsagePrices(inputTokensPerMillion: 100_000)
        let each = prices.cost(of: ProviderUsage(inputTokens: 100_000))!
        let total = (0..<10).reduce(CostAmount.zero) { sum, _ in sum + each }
        #expect(total.microdollars == 100_000 && total.description == "$0.100000")
    }

    @Test func callUsageSharesOneMeterPerProviderAndSortsEntries() {
        let usage = CallUsage()
        let tts = usage.meter(layer: .tts, provider: "espeak")
        let llm = usage.meter(layer: .llm, provider: "openai", prices: UsagePrices(outputTokensPerMillion: 1))
        #expect(usage.meter(layer: .llm, provider: "openai") === llm)
        llm.countTokens(TokenUsage(promptTokens: 5, completionTokens: 7))
        tts.countCharacters(3)
        #expect(usage.entries.map(\.provider) == ["openai", "espeak"])
        #expect(usage.totalCost == CostAmount(picodollars: 7))
    }

    @Test func audioPriceRoundsOnlyOncePerProvider() {
        // 1 µs at 1 µ$/min is 1/60 picodollar: rounds to 0; 30 µs is exactly half a picodollar: rounds up.
        let prices = UsagePrices(audioPerMinute: 1)
        #expect(prices.cost(of: ProviderUsage(audioMicroseconds: 1)) == CostAmount(picodollars: 0))
        #expect(prices.cost(of: ProviderUsage(audioMicroseconds: 30)) == CostAmount(picodollars: 1))
    }
}
