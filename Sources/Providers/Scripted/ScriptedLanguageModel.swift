import Agents
import Speech

/// The offline `scripted` language model: answers from an agent's `ScriptedDialogue` (see
/// `ScriptedDialogueEngine` for matching and how state is derived from the conversation), with no
/// network and no keys.
///
/// A request's stream yields the reply as word tokens, then one `ScriptedControlTool` call when the
/// intent hands off, transfers or ends the call, then `done(nil)` (no usage: nothing is billed). A
/// request whose last message is a tool result (the session answering the control tool) yields only
/// `done`: the reply was already said. A request with no caller message to answer fails with
/// `badRequest`. The stream is pulled: each token is made when the consumer asks for it, so
/// cancelling the consuming task or dropping the stream stops it at once.
public struct ScriptedLanguageModel: LanguageModel {
    /// Settings from the agent's `llm` entry.
    public struct Configuration: Sendable, Hashable {
        /// Pause before each token after the first, to make streaming visible in demos and tests.
        /// Default none. YAML: `settings.token_delay_ms`.
        public var tokenDelay: Duration

        public init(tokenDelay: Duration = .zero) {
            self.tokenDelay = tokenDelay
        }

        /// Reads `token_delay_ms` (a non-negative integer; anything else keeps the default).
        public init(settings: LLMProviderConfig) {
            let milliseconds = settings.int("token_delay_ms") ?? 0
            self.init(tokenDelay: .milliseconds(max(0, milliseconds)))
        }
    }

    public let name = "scripted"
    /// The dialogue engine answering requests.
    public let engine: ScriptedDialogueEngine
    public let configuration: Configuration
    private let clock: any Clock<Duration>

    /// A model for `dialogue` whose calls start with `variables`; `clock` paces `tokenDelay`.
    public init(engine: ScriptedDialogueEngine, configuration: Configuration = Configuration(),
                clock: any Clock<Duration> = ContinuousClock()) {
        self.engine = engine
        self.configuration = configuration
        self.clock = clock
    }

    /// A model for `agent` (which must have a `scripted` section) on a call whose variables are
    /// `callVariables` (the agent's defaults and built-ins such as `caller_number`).
    public init(agent: AgentConfig, settings: LLMProviderConfig, callVariables: [String: String]? = nil,
                keypad: KeypadInput = KeypadInput()) throws(ProviderError) {
        guard let dialogue = agent.scripted else {
            throw .badRequest(detail: "agent \"\(agent.name)\" has no scripted section for the scripted model")
        }
        let engine = ScriptedDialogueEngine(dialogue: dialogue, variables: callVariables ?? agent.initialVariables,
                                            keypad: keypad)
        self.init(engine: engine, configuration: Configuration(settings: settings))
    }

    public func complete(_ request: CompletionRequest) -> AsyncStream<CompletionEvent> {
        let events = Self.events(answering: request, engine: engine)
        let cursor = EventCursor(events)
        let delay = configuration.tokenDelay
        let clock = clock
        return AsyncStream(unfolding: {
            guard let (index, event) = cursor.next() else { return nil }
            if index > 0, delay > .zero, case .token = event {
                do { try await clock.sleep(for: delay) } catch { return nil }
            }
            return event
        })
    }

    /// Everything a request's stream yields, in order.
    static func events(answering request: CompletionRequest, engine: ScriptedDialogueEngine) -> [CompletionEvent] {
        if request.messages.last?.role == .tool { return [.done(nil)] }
        guard let turn = engine.turn(answering: request.messages) else {
            return [.failed(.badRequest(detail: "the scripted model answers the caller's last message, "
                                        + "and the conversation does not end with one"))]
        }
        var tokens = ReplyTokens.split(turn.reply)
        if let limit = request.maximumTokens { tokens = Array(tokens.prefix(max(0, limit))) }
        var events = tokens.map(CompletionEvent.token)
        if let action = turn.action {
            events.append(.toolCall(ScriptedControlTool.call(for: action, turn: request.messages.count - 1)))
        }
        events.append(.done(nil))
        return events
    }
}
