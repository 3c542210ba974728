import Speech
import Synchronization

/// One scripted answer of a fake language-model server (OpenAI-compatible or Anthropic): a streamed
/// reply, or a fault.
public enum FakeLLMTurn: Sendable {
    /// Streams `tokens` as text deltas, then `toolCalls` (arguments split over several chunks), then
    /// the finish with `usage`.
    case reply(tokens: [String], toolCalls: [ToolCall] = [], usage: TokenUsage? = TokenUsage(promptTokens: 21, completionTokens: 7))
    case fault(FakeLLMFault)
    /// Any reply at all, byte for byte.
    case raw(FakeHTTPReply)
}

/// Faults a fake language-model server can play, in its vendor's exact error shapes.
public enum FakeLLMFault: Sendable {
    /// An error status with the vendor's JSON error body; `retryAfterSeconds` adds `retry-after`.
    case status(Int, message: String = "fake failure", retryAfterSeconds: Int? = nil)
    /// The first token, then silence with the connection open.
    case stallAfterFirstToken
    /// A data line whose JSON is cut short.
    case malformedJSON
    /// The first token, then the connection drops without ending the body.
    case disconnectMidStream
    /// The whole reply `tokens`, started only after `delay`.
    case slowFirstToken(Duration, tokens: [String])
    /// The first token, then the vendor's in-stream error event (server/overloaded error).
    case inStreamError(message: String)
}

/// The turns a fake server still has to play, in order; when empty it answers `fallback`.
final class FakeLLMScript: Sendable {
    private let turns: Mutex<[FakeLLMTurn]>
    private let fallback: FakeLLMTurn

    init(_ turns: [FakeLLMTurn], fallback: FakeLLMTurn = .reply(tokens: ["OK"])) {
        self.turns = Mutex(turns)
        self.fallback = fallback
    }

    func enqueue(_ turn: FakeLLMTurn) { turns.withLock { $0.append(turn) } }

    func next() -> FakeLLMTurn {
        turns.withLock { $0.isEmpty ? fallback : $0.removeFirst() }
    }
}

/// Splits a tool call's arguments into pieces, as vendors stream them (a few characters each).
enum ArgumentPieces {
    static func split(_ text: String, pieces: Int = 3) -> [String] {
        guard text.count > pieces else { return [text] }
        let size = (text.count + pieces - 1) / pieces
        var result: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            result.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return result
    }
}
