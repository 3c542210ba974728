/// Everything the turn machine needs to know about the agent it runs: what it says on its own, and the
/// turn-taking, budget and chunking policy. A plain value built by the wiring layer from the agent's YAML
/// (the `Agents` target); the machine never reads configuration itself.
public struct TurnSettings: Sendable, Hashable {
    /// The system prompt, the first message of every language-model request.
    public var systemPrompt: String
    /// Said (synthesized) when the call is answered; nil to wait for the caller to speak first.
    public var greeting: String?
    public var endpointing: EndpointingSettings
    public var bargeIn: BargeInSettings
    public var noInput: NoInputSettings
    public var keypad: KeypadSettings
    public var budgets: LatencyBudgets
    public var chunking: ChunkerSettings
    public var phrases: FixedPhrases
    /// The call ends (with a goodbye) after this long; nil for no limit.
    public var maximumCallDuration: Duration?
    /// How long a goodbye may take to be reported played before the machine hangs up anyway.
    public var hangUpGrace: Duration
    /// Estimated speaking time per character, used to turn a played duration into heard text while a
    /// sentence's total audio length is not yet known.
    public var speechPerCharacter: Duration

    /// Conversational TTS speaks about 150 words a minute at about 6 characters a word with its space:
    /// 15 characters a second, about 65 ms each.
    public static let typicalSpeechPerCharacter: Duration = .milliseconds(65)

    public init(systemPrompt: String, greeting: String? = nil, endpointing: EndpointingSettings = .init(),
                bargeIn: BargeInSettings = .init(), noInput: NoInputSettings = .init(),
                keypad: KeypadSettings = .init(), budgets: LatencyBudgets = .init(),
                chunking: ChunkerSettings = .init(), phrases: FixedPhrases = .init(),
                maximumCallDuration: Duration? = .seconds(30 * 60), hangUpGrace: Duration = .seconds(10),
                speechPerCharacter: Duration = TurnSettings.typicalSpeechPerCharacter) {
        self.systemPrompt = systemPrompt
        self.greeting = greeting
        self.endpointing = endpointing
        self.bargeIn = bargeIn
        self.noInput = noInput
        self.keypad = keypad
        self.budgets = budgets
        self.chunking = chunking
        self.phrases = phrases
        self.maximumCallDuration = maximumCallDuration
        self.hangUpGrace = hangUpGrace
        self.speechPerCharacter = speechPerCharacter
    }
}
