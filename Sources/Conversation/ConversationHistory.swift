import Speech

/// The conversation exactly as the caller experienced it: what the caller said, and of each agent reply
/// only what was actually played (cut at an interruption and flagged), plus tool calls and their results.
/// Owned by the call's turn machine; turned into `[ChatMessage]` for every language-model request.
public struct ConversationHistory: Sendable, Hashable {
    /// One remembered turn.
    public enum Entry: Sendable, Hashable {
        /// What the caller said (or typed on the keypad, prefixed).
        case user(String)
        /// What the caller heard of an agent reply; `interrupted` when the caller cut it short. `toolCalls`
        /// are the tools the agent ran after saying it.
        case agent(String, interrupted: Bool, toolCalls: [ToolCall])
        /// What a tool answered.
        case toolResult(callID: String, content: String)
    }

    public let systemPrompt: String
    public private(set) var entries: [Entry]

    public init(systemPrompt: String, entries: [Entry] = []) {
        self.systemPrompt = systemPrompt
        self.entries = entries
    }

    /// Adds the caller's words. When the last entry is already the caller's (the agent's answer to it was
    /// abandoned before anything was heard), the words are appended to it: the model sees one turn.
    public mutating func appendUser(_ text: String) {
        let text = text.trimmingWhitespace
        guard !text.isEmpty else { return }
        if case .user(let previous)? = entries.last {
            entries[entries.count - 1] = .user(previous + " " + text)
        } else {
            entries.append(.user(text))
        }
    }

    /// Replaces `old` at the end of the last caller turn with `new` (an STT final revising the partial a
    /// reply was started on). Returns false, changing nothing, when the last entry is not a caller turn
    /// ending with `old`.
    @discardableResult
    public mutating func reviseLastUser(replacingSuffix old: String, with new: String) -> Bool {
        guard case .user(let previous)? = entries.last, previous.hasSuffix(old) else { return false }
        let kept = String(previous.dropLast(old.count)).trimmingWhitespace
        let revised = [kept, new.trimmingWhitespace].filter { !$0.isEmpty }.joined(separator: " ")
        entries[entries.count - 1] = .user(revised)
        return true
    }

    /// Adds what the caller heard of an agent reply. Nothing is added for an empty text without tool calls.
    public mutating func appendAgent(_ text: String, interrupted: Bool, toolCalls: [ToolCall] = []) {
        guard !text.isEmpty || !toolCalls.isEmpty else { return }
        entries.append(.agent(text, interrupted: interrupted, toolCalls: toolCalls))
    }

    /// Replaces the last entry (there must be one).
    mutating func replaceLast(with entry: Entry) {
        entries[entries.count - 1] = entry
    }

    /// Adds a tool's result.
    public mutating func appendToolResult(callID: String, content: String) {
        entries.append(.toolResult(callID: callID, content: content))
    }

    /// The conversation for a language-model request: the system prompt, then every entry.
    public var messages: [ChatMessage] {
        var messages = [ChatMessage.system(systemPrompt)]
        messages.reserveCapacity(entries.count + 1)
        for entry in entries {
            switch entry {
            case .user(let text): messages.append(.user(text))
            case .agent(let text, _, let calls): messages.append(.assistant(text, toolCalls: calls))
            case .toolResult(let id, let content): messages.append(.tool(callID: id, content: content))
            }
        }
        return messages
    }

    /// Everything the agent was heard saying, in order (for tests and transcripts).
    public var agentTexts: [String] {
        entries.compactMap { if case .agent(let text, _, _) = $0, !text.isEmpty { text } else { nil } }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// Number of whitespace-separated words.
    var wordCount: Int { split(whereSeparator: \.isWhitespace).count }
}
