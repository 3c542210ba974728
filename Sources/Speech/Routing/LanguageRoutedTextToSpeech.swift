/// A text-to-speech provider that synthesizes each request on the provider configured for the
/// request's language (`LanguageRoutes`). It is itself a `TextToSpeech`; the stream it returns is the
/// chosen provider's own, so cancelling it cancels that provider's request.
public struct LanguageRoutedTextToSpeech: TextToSpeech {
    public let name: String
    public let routes: LanguageRoutes<any TextToSpeech>

    /// `name` defaults to the default provider's name.
    public init(routes: LanguageRoutes<any TextToSpeech>, name: String? = nil) {
        self.routes = routes
        self.name = name ?? routes.defaultProvider.name
    }

    public func synthesize(_ request: SynthesisRequest) -> AsyncStream<SynthesisEvent> {
        routes.select(request.language).provider.synthesize(request)
    }
}
