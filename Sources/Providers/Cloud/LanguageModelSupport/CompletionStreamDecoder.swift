import Speech
import Wire

/// Turns one vendor's server-sent events into `CompletionEvent`s. Pure and incremental: the stream
/// runner feeds each parsed SSE event in order and stops at the first terminal event (`done` or
/// `failed`) a call returns.
public protocol CompletionStreamDecoder: Sendable {
    /// The events one SSE event yields, possibly none (a ping, a role-only delta), possibly ending
    /// with a terminal event.
    mutating func decode(_ event: SSEEvent) -> [CompletionEvent]
    /// The body ended cleanly without a terminal event: `done` if the reply is known complete,
    /// else `failed` (`connectionLost`, or `malformedResponse` when nothing decodable ever came).
    mutating func endOfBody() -> [CompletionEvent]
    /// True once the model's reply began (text, a tool-call fragment, a finish): what the first-token
    /// deadline waits for. Envelope events (OpenAI's role-only delta, Anthropic's `message_start`,
    /// pings) do not count; after this, any event resets the stall deadline.
    var hasBegun: Bool { get }
}

extension CompletionEvent {
    /// `done` or `failed`: the last event of a stream.
    var isTerminal: Bool {
        switch self {
        case .done, .failed: true
        case .token, .toolCall: false
        }
    }
}
