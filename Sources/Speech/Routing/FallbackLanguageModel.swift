/// A `LanguageModel` over an ordered list of language models, each with its circuit breaker: the call's
/// session talks to it like to any model and never knows there is more than one.
///
/// - **Order and breakers.** Each request goes to the first provider whose breaker lets it through; open
///   breakers are skipped. Every outcome is recorded on the provider's breaker (`.cancelled` never counts).
/// - **Failure before the first token** (a `failed` event, a stream that ends with no terminal event, or
///   no first output within `budget.firstOutputTimeout`): the same request goes to the next provider.
/// - **Failure mid-reply:** the tokens already yielded stay yielded; the next provider is asked to
///   continue them (`LanguageModelContinuation`), and its tokens follow in the same stream.
/// - **Hedging:** with `budget.hedgeAfter` set, a provider with no first output by then gets the next
///   provider started in parallel with the same request; whichever yields first is kept and the other's
///   stream is cancelled (its request aborted).
/// - **Every provider failed:** the stream ends with `failed` carrying the last error (`.overloaded` when
///   every breaker was open), and the turn machine plays the recovery phrase.
/// - **Cancellation:** cancelling the consuming task or dropping the stream aborts every provider request.
public struct FallbackLanguageModel: LanguageModel {
    public let name: String
    let providers: [RoutedProvider<any LanguageModel>]
    public let budget: RouterBudgets.Layer
    let clock: RoutingClock
    let observer: any ProviderRoutingObserver

    /// - Parameters:
    ///   - providers: in order of preference, each with its breaker (shared by the agent's calls).
    ///   - name: for records and metric labels; by default the providers' names joined with `>`.
    public init(providers: [(any LanguageModel, SharedCircuitBreaker)], budget: RouterBudgets.Layer = .init(),
                clock: RoutingClock = .continuous(), observer: any ProviderRoutingObserver = IgnoringRoutingObserver(),
                name: String? = nil) {
        precondition(!providers.isEmpty, "a router needs at least one provider")
        self.providers = providers.map { RoutedProvider(provider: $0.0, name: $0.0.name, breaker: $0.1) }
        self.name = name ?? providers.map(\.0.name).joined(separator: ">")
        self.budget = budget
        self.clock = clock
        self.observer = observer
    }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let (stream, output) = AsyncStream.makeStream(of: CompletionEvent.self)
        var run = FailoverRun(providers: providers, budget: budget, clock: clock, observer: observer,
                              request: request, strategy: LanguageModelFailover(), output: output)
        let driver = Task { await run.run() }
        output.onTermination = { _ in driver.cancel() }
        return stream
    }
}

/// Language-model failover: counts what was already said and asks the fallback to continue it.
struct LanguageModelFailover: FailoverStrategy {
    var delivered = ""

    static var layer: RoutingLayer { .languageModel }
    static func name(of provider: any LanguageModel) -> String { provider.name }
    static func start(_ provider: any LanguageModel, _ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        provider.complete(request)
    }

    static func classify(_ event: CompletionEvent) -> RoutedEventKind {
        switch event {
        case .token(let text): text.isEmpty ? .other : .output
        case .toolCall: .output
        case .done: .done
        case .failed(let error): .failed(error)
        }
    }

    static func failure(_ error: ProviderError) -> CompletionEvent { .failed(error) }

    var hasDelivered: Bool { !delivered.isEmpty }

    func request(continuing original: CompletionRequest) -> CompletionRequest {
        LanguageModelContinuation.request(continuing: original, after: delivered)
    }

    func laneStart() -> Int { 0 }

    mutating func forward(_ event: CompletionEvent, cursor: inout Int) -> CompletionEvent? {
        if case .token(let text) = event { delivered += text }
        return event
    }
}

/// How a fallback model is asked to continue a reply another model started: the conversation, then the
/// partial reply as an assistant message, then a short user-role instruction to go on from exactly
/// there without repeating it. A user-role note works with every chat API (some refuse a trailing
/// assistant message or a system message mid-conversation); the model sees the words it "said" as its
/// own, so its continuation matches their style.
public enum LanguageModelContinuation {
    /// The note appended after the partial reply.
    public static let instruction = "[Your reply above was cut off mid-sentence. Continue it from exactly where "
        + "it stopped, without repeating anything already said and without mentioning the interruption.]"

    /// `original` unchanged when nothing was delivered, else extended to continue `delivered`.
    public static func request(continuing original: CompletionRequest, after delivered: String) -> CompletionRequest {
        guard !delivered.isEmpty else { return original }
        var request = original
        request.messages.append(.assistant(delivered))
        request.messages.append(.user(instruction))
        return request
    }
}
