/// A language model that sends simple caller turns to a fast (cheap, quick) model and everything else to
/// a strong one, by a `TurnComplexityClassifier` on the last caller message. It is itself a
/// `LanguageModel`: the call's session never knows there are two. Each tier may be any model, a
/// fallback router included. The chosen model's stream is returned as is, so cancelling it cancels
/// exactly that model's request.
public struct TieredLanguageModel: LanguageModel {
    /// Told which tier each request went to, and why (metrics, logs); called synchronously in `complete`.
    public typealias Observer = @Sendable (TurnClassification) -> Void

    public let name: String
    public let fast: any LanguageModel
    public let strong: any LanguageModel
    public let classifier: TurnComplexityClassifier
    private let observer: Observer?

    /// `name` defaults to the strong model's name: metrics and records then read as the model that answers
    /// most of the hard turns.
    public init(fast: any LanguageModel, strong: any LanguageModel,
                classifier: TurnComplexityClassifier = TurnComplexityClassifier(), name: String? = nil,
                observer: Observer? = nil) {
        self.fast = fast
        self.strong = strong
        self.classifier = classifier
        self.name = name ?? strong.name
        self.observer = observer
    }

    /// The model for a tier.
    public func model(for tier: TurnTier) -> any LanguageModel {
        tier == .fast ? fast : strong
    }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let decision = classifier.classify(request.messages)
        observer?(decision)
        return model(for: decision.tier).complete(request)
    }
}
