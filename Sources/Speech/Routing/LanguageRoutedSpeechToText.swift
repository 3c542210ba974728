/// A speech-to-text provider that opens each session on the provider configured for the request's
/// language (`LanguageRoutes`), so an agent can use one vendor for English and another for Spanish. It is
/// itself a `SpeechToText`; the session it returns is the chosen provider's own.
public struct LanguageRoutedSpeechToText: SpeechToText {
    public let name: String
    public let routes: LanguageRoutes<any SpeechToText>

    /// `name` defaults to the default provider's name.
    public init(routes: LanguageRoutes<any SpeechToText>, name: String? = nil) {
        self.routes = routes
        self.name = name ?? routes.defaultProvider.name
    }

    public func openSession(_ request: TranscriptionRequest) async throws(ProviderError) -> any TranscriptionSession {
        try await routes.select(request.language).provider.openSession(request)
    }
}
