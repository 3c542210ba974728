import Media
import Speech
import SwitchboardTesting
import Testing

@Suite struct LanguageRoutedTests {
    let routes = LanguageRoutes(routes: [.init(tag: "es-ES", provider: "castilian"), .init(tag: "es-US", provider: "us-spanish"),
                                         .init(tag: "fr", provider: "french"), .init(tag: "pt-BR", provider: "brazilian")],
                                defaultProvider: "english")

    func check(_ language: String, _ provider: String, _ match: LanguageRoutes<String>.Match,
               sourceLocation: SourceLocation = #_sourceLocation) {
        let selected = routes.select(language)
        #expect(selected.provider == provider, sourceLocation: sourceLocation)
        #expect(selected.match == match, sourceLocation: sourceLocation)
    }

    @Test func exactTagWinsCaseInsensitively() {
        check("es-US", "us-spanish", .exact(tag: "es-US"))
        #expect(routes.select("ES_es").provider == "castilian")
    }

    @Test func primarySubtagRouteServesRegionalTags() {
        check("fr-CA", "french", .primarySubtag(tag: "fr"))
    }

    @Test func sameLanguageRouteServesOtherRegionsInListOrder() {
        check("es-MX", "castilian", .sameLanguage(tag: "es-ES"))
        check("pt", "brazilian", .sameLanguage(tag: "pt-BR"))
    }

    @Test func unknownLanguageFallsBackToDefault() {
        check("de-DE", "english", .defaultProvider)
        check("", "english", .defaultProvider)
        check("e", "english", .defaultProvider)
    }

    @Test func speechToTextOpensSessionOnLanguagesProvider() async throws {
        let english = FakeSpeechToText(name: "english")
        let spanish = FakeSpeechToText(name: "spanish")
        let stt = LanguageRoutedSpeechToText(routes: LanguageRoutes(routes: [.init(tag: "es", provider: spanish)],
                                                                    defaultProvider: english))
        _ = try await stt.openSession(TranscriptionRequest(format: .telephony, language: "es-MX"))
        _ = try await stt.openSession(TranscriptionRequest(format: .telephony, language: "en-GB"))
        #expect(spanish.sessions.items.map(\.request.language) == ["es-MX"])
        #expect(english.sessions.items.map(\.request.language) == ["en-GB"])
        #expect(stt.name == "english")
    }

    @Test func textToSpeechSynthesizesOnLanguagesProvider() async throws {
        let english = FakeTextToSpeech(name: "english", behavior: .immediate(perCharacter: .milliseconds(1)))
        let french = FakeTextToSpeech(name: "french", behavior: .immediate(perCharacter: .milliseconds(1)))
        let tts = LanguageRoutedTextToSpeech(routes: LanguageRoutes(routes: [.init(tag: "fr-FR", provider: french)],
                                                                    defaultProvider: english))
        for await _ in tts.synthesize(SynthesisRequest(text: "Bonjour", voice: "v", format: .telephony, language: "fr-FR")) {}
        for await _ in tts.synthesize(SynthesisRequest(text: "Hello", voice: "v", format: .telephony, language: "en-US")) {}
        #expect(french.syntheses.items.map(\.request.text) == ["Bonjour"])
        #expect(english.syntheses.items.map(\.request.text) == ["Hello"])
    }
}
