import Conversation
import Media
@testable import Orchestrator
import Speech
import SwitchboardTesting
import Testing

/// The greeting as a pre-synthesized phrase: played from the call's phrase audio with no TTS request, so
/// it is heard with every voice down; synthesized per rendered text by `CannedPhraseCache`.
@Suite struct CallSessionGreetingTests {
    static let greetingText = "Hello +15550100, this is Ada."
    static let greetingAudio = AudioChunk.filled(.milliseconds(1200), format: .telephony, with: 0xE7)

    static func phrases(greeting: [AudioChunk]) -> CannedPhraseAudio {
        var audio = CallHarness.cachedPhrases
        audio.set(greeting, for: .greeting)
        return audio
    }

    @Test func cachedGreetingIsPlayedWithNoTTSRequestAndRemembered() async throws {
        let call = CallHarness(settings: .sessionTesting.with { $0.greeting = Self.greetingText },
                               phrases: Self.phrases(greeting: [Self.greetingAudio]))
        await call.session.answer()
        let events = try await call.transport.events.wait(for: "greeting and mark") { $0.count >= 2 }
        #expect(events == [.audio(Self.greetingAudio), .mark(MarkID(1))])
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        #expect(call.tts.syntheses.count == 0)
        #expect(await call.session.history.entries == [.agent(Self.greetingText, interrupted: false, toolCalls: [])])
    }

    @Test func withoutCachedGreetingItStillGoesThroughTheCallsTTS() async throws {
        let call = CallHarness(settings: .sessionTesting.with { $0.greeting = Self.greetingText })
        await call.session.answer()
        let synthesis = try await call.tts.synthesis(0)
        #expect(synthesis.request.text == Self.greetingText)
    }

    @Test func withEveryCallVoiceFailingTheCallerHearsTheGreetingFromTheFallbackSynthesizedCache() async throws {
        // The cache synthesizes with the agent's phrase voice (espeak-ng last in the server): here a fake
        // that works, while the call's own TTS fails every request.
        let lastResort = FakeTextToSpeech(name: "last-resort", behavior: .immediate(perCharacter: .milliseconds(10)))
        let cache = CannedPhraseCache()
        let greeting = try #require(await cache.greetingAudio(text: Self.greetingText, voice: "test-voice",
                                                              format: .telephony, language: "en-GB", using: lastResort))
        let down = FakeTextToSpeech(behavior: .failing(.overloaded))
        let call = CallHarness(settings: .sessionTesting.with { $0.greeting = Self.greetingText }, tts: down,
                               phrases: Self.phrases(greeting: greeting))
        await call.session.answer()
        let events = try await call.transport.events.wait(for: "greeting") { $0.count >= 2 }
        #expect(events == greeting.map { .audio($0) } + [.mark(MarkID(1))])
        await call.playOut()
        try await call.waitForRepliesEnded(1)
        #expect(down.syntheses.count == 0)
        #expect(await call.session.history.entries == [.agent(Self.greetingText, interrupted: false, toolCalls: [])])
    }

    @Test func greetingCacheIsKeyedByRenderedTextVoiceAndFormatAndRetriesFailures() async {
        let tts = FakeTextToSpeech(behavior: .immediate(perCharacter: .milliseconds(5)))
        let cache = CannedPhraseCache()
        let first = await cache.greetingAudio(text: "Hi 1.", voice: "v", format: .telephony, language: "en-US", using: tts)
        let again = await cache.greetingAudio(text: "Hi 1.", voice: "v", format: .telephony, language: "en-US", using: tts)
        #expect(first != nil && first == again)
        #expect(tts.syntheses.count == 1)
        // Another caller's number, another voice, another format: each synthesized.
        _ = await cache.greetingAudio(text: "Hi 2.", voice: "v", format: .telephony, language: "en-US", using: tts)
        _ = await cache.greetingAudio(text: "Hi 1.", voice: "w", format: .telephony, language: "en-US", using: tts)
        let pcm = AudioFormat(encoding: .linear16, sampleRate: .hz16000)
        _ = await cache.greetingAudio(text: "Hi 1.", voice: "v", format: pcm, language: "en-US", using: tts)
        #expect(tts.syntheses.count == 4)
        tts.behavior = .failing(.overloaded)
        #expect(await cache.greetingAudio(text: "Hi 3.", voice: "v", format: .telephony, language: "en-US", using: tts) == nil)
        tts.behavior = .immediate(perCharacter: .milliseconds(5))
        #expect(await cache.greetingAudio(text: "Hi 3.", voice: "v", format: .telephony, language: "en-US", using: tts) != nil)
        #expect(tts.syntheses.count == 6)
    }

    @Test func bargeInOnTheCachedGreetingClearsThePlayout() async throws {
        let call = CallHarness(settings: .sessionTesting.with { $0.greeting = Self.greetingText },
                               phrases: Self.phrases(greeting: [Self.greetingAudio]))
        await call.session.answer()
        _ = try await call.transport.events.wait(for: "greeting") { $0.count >= 2 }
        await call.speak(frames: 16)  // 320 ms of caller speech: over the 300 ms barge-in minimum
        try await call.transport.waitFor("clear") { $0 == .clear }
        #expect(call.tts.syntheses.count == 0)
        // Phrases are heard all or nothing: the greeting was cut before its mark, so none of it is kept.
        #expect(await call.session.history.entries.isEmpty)
    }
}
