import Speech

/// A language model the test drives: every `complete` call is recorded as a `FakeCompletion` whose
/// tokens, tool calls and terminal event the test sends when it wants, and which records how its
/// stream ended (cancelled by the consumer, or finished).
public final class FakeLanguageModel: LanguageModel, Sendable {
    public enum Behavior: Sendable {
        /// The test sends tokens and the terminal event.
        case manual
        /// These tokens, then `done`, at once.
        case replying([String])
        /// `failed(error)` at once (a provider that is down).
        case failing(ProviderError)
    }

    public let name: String
    /// Every request, in order.
    public let completions = ObservationLog<FakeCompletion>()
    private let currentBehavior: Guarded<Behavior>

    public init(name: String = "fake-llm", behavior: Behavior = .manual) {
        self.name = name
        self.currentBehavior = Guarded(behavior)
    }

    public var behavior: Behavior {
        get { currentBehavior.withLock { $0 } }
        set { currentBehavior.withLock { $0 = newValue } }
    }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: CompletionEvent.self)
        let completion = FakeCompletion(request: request, continuation: continuation)
        continuation.onTermination = { completion.terminated($0) }
        completions.append(completion)
        switch behavior {
        case .manual:
            break
        case .replying(let tokens):
            for token in tokens { completion.token(token) }
            completion.finish()
        case .failing(let error):
            completion.fail(error)
        }
        return stream
    }

    /// The `index`-th request (0-based), once it has been made.
    public func completion(_ index: Int) async throws -> FakeCompletion {
        try await completions.element(index)
    }
}

/// One language-model request as the fake received it.
public final class FakeCompletion: Sendable {
    public let request: CompletionRequest
    /// The thread `complete` was called on.
    public let callerThread: UInt
    /// How the stream ended (at most one entry).
    public let ends = ObservationLog<FakeStreamEnd>()
    private let continuation: AsyncStream<CompletionEvent>.Continuation
    /// A terminal event was sent: a consumer that stops reading after it has not cancelled anything.
    private let terminalSent = Guarded(false)

    init(request: CompletionRequest, continuation: AsyncStream<CompletionEvent>.Continuation) {
        self.request = request
        self.continuation = continuation
        self.callerThread = CurrentThread.id
    }

    public func token(_ text: String) { continuation.yield(.token(text)) }

    public func toolCall(_ call: ToolCall) { continuation.yield(.toolCall(call)) }

    /// Ends the reply with `done`.
    public func finish(usage: TokenUsage? = nil) {
        terminalSent.withLock { $0 = true }
        continuation.yield(.done(usage))
        continuation.finish()
    }

    /// Ends the reply with `failed`.
    public func fail(_ error: ProviderError) {
        terminalSent.withLock { $0 = true }
        continuation.yield(.failed(error))
        continuation.finish()
    }

    /// Waits until the consumer cancelled the stream.
    public func waitUntilCancelled() async throws {
        try await ends.wait(for: "LLM stream cancellation") { $0.contains(.cancelled) }
    }

    public var wasCancelled: Bool { ends.items.contains(.cancelled) }

    func terminated<Element>(_ termination: AsyncStream<Element>.Continuation.Termination) {
        ends.append(terminalSent.withLock { $0 } ? .finished : FakeStreamEnd(termination))
    }
}
