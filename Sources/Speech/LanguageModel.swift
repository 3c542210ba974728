/// A streaming language model: given the conversation and the tools it may call, streams a reply.
///
/// Contract for every adapter:
/// - **What the stream yields.** `token` deltas in order (concatenated they are the reply text), any
///   number of complete `toolCall`s (arguments fully assembled), then exactly one terminal event:
///   `done` (the model finished; `usage` when the provider reported it) or `failed`. Nothing follows the
///   terminal event, and the stream then ends.
/// - **Who cancels.** The owner cancels the task iterating the stream, or drops it. Either must stop the
///   work: the adapter's `onTermination` aborts the HTTP request / closes the socket, so the provider
///   stops generating (and billing). No terminal event is owed after cancellation.
/// - **Failures.** Request errors (auth, 429, 5xx) arrive as `failed`, not as a thrown error, so a router
///   can fail over in one place. A stall (no first token, or no next token, within the adapter's
///   deadlines) is `failed(.timeout(...))`. Adapters never retry after the first token was yielded: the
///   caller may already be hearing it.
public protocol LanguageModel: Sendable {
    /// A short stable name for logs, metrics labels and call records (`"openai"`, `"scripted"`).
    var name: String { get }

    /// Starts generating a reply. Returns at once; the request runs while the stream is iterated.
    func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent>
}

/// What a language model is asked.
public struct CompletionRequest: Sendable, Hashable {
    /// The conversation, oldest first, normally starting with the system prompt.
    public var messages: [ChatMessage]
    /// Tools the model may call; empty for none.
    public var tools: [ToolDeclaration]
    /// Upper bound on generated tokens, if any.
    public var maximumTokens: Int?
    /// Sampling temperature, if the agent sets one.
    public var temperature: Double?

    public init(messages: [ChatMessage], tools: [ToolDeclaration] = [], maximumTokens: Int? = nil,
                temperature: Double? = nil) {
        self.messages = messages
        self.tools = tools
        self.maximumTokens = maximumTokens
        self.temperature = temperature
    }
}

/// What a language-model stream reports.
public enum CompletionEvent: Sendable, Hashable {
    /// The next piece of reply text (any length, possibly empty).
    case token(String)
    /// A complete tool call.
    case toolCall(ToolCall)
    /// The model finished.
    case done(TokenUsage?)
    /// The stream failed; the last event.
    case failed(ProviderError)
}

/// Token counts a provider reported for one completion.
public struct TokenUsage: Sendable, Hashable {
    public var promptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}
