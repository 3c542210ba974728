/// Everything that defines one voice agent, loaded from one YAML file in the agents folder: what it
/// says, which providers it uses (ordered, first is primary), how it takes turns, its budgets, its
/// recovery phrases, its tools and variables, and (for the offline `scripted` model) its dialogue.
/// A value: a call takes a copy when it starts, so reloading files never changes a live call.
public struct AgentConfig: Sendable, Hashable {
    /// Variables every call provides, usable in any template without declaring them.
    public static let builtinVariableNames: Set<String> = ["caller_number", "called_number", "call_id", "agent_name"]
    /// Language used when the file names none.
    public static let defaultLanguage = "en-US"

    /// Unique within the agents folder; routes and hand-offs name agents by it. Default: the file
    /// name without its extension.
    public var name: String
    /// Said when the call is answered; nil means the agent waits for the caller to speak first.
    public var greeting: TextTemplate?
    /// Instructions for a language model. Default empty.
    public var systemPrompt: TextTemplate
    /// BCP 47 tag (`en-US`) passed to STT and TTS. Default `en-US`.
    public var language: String
    /// Speech-to-text providers, primary first. Never empty.
    public var stt: [STTProviderConfig]
    /// Language models, primary first. Never empty.
    public var llm: [LLMProviderConfig]
    /// Text-to-speech providers, primary first. Never empty.
    public var tts: [TTSProviderConfig]
    /// Voice name and speaking rate.
    public var voice: VoiceConfig
    /// Endpointing, barge-in, no-input and call-length settings.
    public var turnTaking: TurnTakingConfig
    /// Per-stage latency budgets.
    public var latencyBudgets: LatencyBudgets
    /// What to say when something fails.
    public var recovery: RecoveryPhrases
    /// Functions the language model may call.
    public var tools: [ToolDeclaration]
    /// Default values of the call's variables (a call may override them, e.g. from stream parameters).
    public var variables: [String: String]
    /// The dialogue of the `scripted` language model; nil when the agent has no `scripted` section.
    public var scripted: ScriptedDialogue?
    /// A fast model for simple turns (`llm_tiers`); nil: every turn goes to `llm`.
    public var llmTiers: LanguageModelTiers?
    /// Per-language STT/TTS lists (`languages`), in file order.
    public var languages: [LanguageProviders]
    /// Shadow providers per layer (`shadow`), for comparison only.
    public var shadow: ShadowProviders

    /// Creates an agent; everything but the name and the three provider lists has a default.
    public init(name: String, greeting: TextTemplate? = nil, systemPrompt: TextTemplate = TextTemplate(""),
                language: String = AgentConfig.defaultLanguage, stt: [STTProviderConfig],
                llm: [LLMProviderConfig], tts: [TTSProviderConfig], voice: VoiceConfig = VoiceConfig(),
                turnTaking: TurnTakingConfig = TurnTakingConfig(), latencyBudgets: LatencyBudgets = LatencyBudgets(),
                recovery: RecoveryPhrases = RecoveryPhrases(), tools: [ToolDeclaration] = [],
                variables: [String: String] = [:], scripted: ScriptedDialogue? = nil,
                llmTiers: LanguageModelTiers? = nil, languages: [LanguageProviders] = [],
                shadow: ShadowProviders = ShadowProviders()) {
        self.name = name
        self.greeting = greeting
        self.systemPrompt = systemPrompt
        self.language = language
        self.stt = stt
        self.llm = llm
        self.tts = tts
        self.voice = voice
        self.turnTaking = turnTaking
        self.latencyBudgets = latencyBudgets
        self.recovery = recovery
        self.tools = tools
        self.variables = variables
        self.scripted = scripted
        self.llmTiers = llmTiers
        self.languages = languages
        self.shadow = shadow
    }

    /// The variables a new call starts with: the declared defaults plus `agent_name`.
    public var initialVariables: [String: String] {
        variables.merging(["agent_name": name]) { declared, _ in declared }
    }
}
