import Yams

/// A name of another agent written in a file, kept with its location so the folder-level check can
/// report references to agents that do not exist.
struct AgentReference: Hashable {
    var name: String
    /// What refers to it, for messages: `route`, `default_agent`, `hand-off`.
    var referrer: String
    var location: SourceLocation
}

/// The outcome of decoding one agent file: the agent (nil when the file has errors), its name even
/// when it has errors (so other files' references to it still resolve), and what it refers to.
struct DecodedAgent {
    var config: AgentConfig?
    var name: String
    var nameLocation: SourceLocation
    var handoffs: [AgentReference]
    var problems: [ConfigProblem]
}

/// Decodes an agent file's node tree into an `AgentConfig`, collecting every problem.
/// Top-level keys, in the order `Docs/agents.md` documents them.
final class AgentDecoder {
    static let topLevelKeys = ["name", "greeting", "system_prompt", "language", "voice", "stt", "llm", "tts",
                               "turn_taking", "latency_budgets", "recovery", "variables", "tools", "scripted",
                               "llm_tiers", "languages", "shadow"]

    let problems: ProblemCollector
    let environment: [String: String]
    /// Every template read, with where it was written, for the variable checks.
    var templateUses: [(template: TextTemplate, location: Location)] = []
    /// Variables captured by intent patterns.
    var capturedVariables: Set<String> = []
    /// Where each declared variable is written.
    var variableLocations: [String: Location] = [:]
    var handoffs: [AgentReference] = []

    init(file: String, environment: [String: String]) {
        self.problems = ProblemCollector(file: file)
        self.environment = environment
    }

    /// Decodes `root`; `defaultName` is used when the file has no `name`.
    func decode(_ root: Node, defaultName: String) -> DecodedAgent {
        let file = problems.file
        guard let map = MappingReader(root, path: "", keys: Self.topLevelKeys, problems: problems) else {
            return DecodedAgent(config: nil, name: defaultName, nameLocation: .init(file: file, line: 1, column: 1),
                                handoffs: [], problems: problems.problems)
        }
        let (name, nameLocation) = readName(map, defaultName: defaultName)
        let stt: [STTProviderConfig]? = providers(map, "stt", meaning: "the speech-to-text providers, primary first")
        let llm: [LLMProviderConfig]? = providers(map, "llm", meaning: "the language models, primary first")
        let tts: [TTSProviderConfig]? = providers(map, "tts", meaning: "the text-to-speech providers, primary first")
        let greeting = template(map, "greeting")
        let systemPrompt = template(map, "system_prompt") ?? TextTemplate("")
        let language = readLanguage(map)
        let voice = readVoice(map)
        let turnTaking = readTurnTaking(map)
        let budgets = readLatencyBudgets(map)
        let recovery = readRecovery(map)
        let variables = readVariables(map)
        let tools = readTools(map)
        let scripted = readScripted(map)
        let tiers = readTiers(map)
        let languages = readLanguages(map)
        let shadow = readShadow(map)

        let validator = AgentValidator(decoder: self)
        if let llm { validator.checkLanguageModels(llm, scripted: scripted, systemPrompt: systemPrompt, map: map) }
        validator.checkVariables(declared: variables)

        var config: AgentConfig?
        if !problems.hasErrors, let stt, let llm, let tts {
            config = AgentConfig(name: name, greeting: greeting, systemPrompt: systemPrompt, language: language,
                                 stt: stt, llm: llm, tts: tts, voice: voice, turnTaking: turnTaking,
                                 latencyBudgets: budgets, recovery: recovery, tools: tools, variables: variables,
                                 scripted: scripted, llmTiers: tiers, languages: languages, shadow: shadow)
        }
        return DecodedAgent(config: config, name: name,
                            nameLocation: SourceLocation(file: file, line: nameLocation.line, column: nameLocation.column),
                            handoffs: handoffs, problems: problems.problems)
    }

    /// A template read from `key`, remembered for the variable checks.
    func template(_ map: MappingReader, _ key: String) -> TextTemplate? {
        guard let node = map.node(key), let text = problems.nonEmptyString(node, map.name(key)) else { return nil }
        return remember(TextTemplate(text), at: node.location)
    }

    /// A list of templates read from `key`.
    func templates(_ map: MappingReader, _ key: String) -> [TextTemplate]? {
        guard let node = map.node(key), let items = problems.stringList(node, map.name(key)) else { return nil }
        return items.map { remember(TextTemplate($0.0), at: $0.1) }
    }

    func remember(_ template: TextTemplate, at location: Location) -> TextTemplate {
        templateUses.append((template, location))
        return template
    }

    func sourceLocation(_ location: Location) -> SourceLocation {
        SourceLocation(file: problems.file, line: location.line, column: location.column)
    }

    /// Agent names: letters, digits, `_` and `-`, starting with a letter or digit, at most 64.
    static func isValidAgentName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCIILetterOrDigit, name.count <= 64 else { return false }
        return name.allSatisfy { $0.isASCIILetterOrDigit || $0 == "_" || $0 == "-" }
    }

    private func readName(_ map: MappingReader, defaultName: String) -> (String, Location) {
        guard let node = map.node("name"), let name = problems.nonEmptyString(node, "name") else {
            return (defaultName, map.location)
        }
        if !Self.isValidAgentName(name) {
            problems.error(.invalidValue, at: node.location, "agent name \"\(name)\" must be letters, digits, _ and - "
                + "(starting with a letter or digit, at most 64 characters)")
        }
        return (name, node.location)
    }

    private func readLanguage(_ map: MappingReader) -> String {
        guard let node = map.node("language"), let language = problems.nonEmptyString(node, "language") else {
            return AgentConfig.defaultLanguage
        }
        if !Self.isValidLanguageTag(language) {
            problems.error(.invalidValue, at: node.location, "\"language\" is \"\(language)\", but must be a BCP 47 tag such as en-US")
        }
        return language
    }
}

extension Character {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIILetterOrDigit: Bool { isASCIILetter || isASCIIDigit }
}
