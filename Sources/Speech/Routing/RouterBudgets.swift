/// The time limits a provider router acts on, per layer. Built from the agent's `latency_budgets`
/// (`RouterBudgets(agent:)` in `Orchestrator`); nil disables that action.
public struct RouterBudgets: Sendable, Hashable {
    /// The limits of one layer.
    public struct Layer: Sendable, Hashable {
        /// No first output (token, audio) from the provider by then: start the next provider in parallel
        /// with the same request and keep whichever yields first.
        public var hedgeAfter: Duration?
        /// No first output by then: the provider has failed (`timeout(.firstResponse)`); its request is
        /// aborted and the next provider tried.
        public var firstOutputTimeout: Duration?

        public init(hedgeAfter: Duration? = nil, firstOutputTimeout: Duration? = nil) {
            precondition(hedgeAfter.map { $0 > .zero } ?? true, "a hedge budget must be positive")
            precondition(firstOutputTimeout.map { $0 > .zero } ?? true, "a first-output timeout must be positive")
            self.hedgeAfter = hedgeAfter
            self.firstOutputTimeout = firstOutputTimeout
        }
    }

    public var languageModel: Layer
    public var textToSpeech: Layer

    public init(languageModel: Layer = Layer(), textToSpeech: Layer = Layer()) {
        self.languageModel = languageModel
        self.textToSpeech = textToSpeech
    }

    /// No hedging and no router deadlines (adapters' own deadlines still apply).
    public static let none = RouterBudgets()
}
