import Agents
import Speech

extension CallProvidersPlan {
    /// The plan of `agent`'s providers: its lists, `llm_tiers`, `languages`, `shadow` and pricing.
    public init(agent: AgentConfig) {
        var sttLabels = PlanLabels<STTProviderKind>()
        var llmLabels = PlanLabels<LLMProviderKind>()
        var ttsLabels = PlanLabels<TTSProviderKind>()

        var stt = sttLabels.plan(agent.stt)
        let sttRoutes = agent.languages.compactMap { route in
            route.stt.map { LanguageRoutePlan(tag: route.tag, plan: sttLabels.plan($0)) }
        }
        if !sttRoutes.isEmpty { stt = .languages(routes: sttRoutes, otherwise: stt) }
        if let shadow = agent.shadow.stt { stt = .shadowed(primary: stt, shadow: sttLabels.shadow(shadow)) }

        var llm = llmLabels.plan(agent.llm)
        if let tiers = agent.llmTiers {
            llm = .tiers(fast: llmLabels.plan(tiers.fast), strong: llm, rules: TurnComplexityRules(tiers: tiers))
        }
        if let shadow = agent.shadow.llm { llm = .shadowed(primary: llm, shadow: llmLabels.shadow(shadow)) }

        var tts = ttsLabels.plan(agent.tts)
        let ttsRoutes = agent.languages.compactMap { route in
            route.tts.map { LanguageRoutePlan(tag: route.tag, plan: ttsLabels.plan($0)) }
        }
        if !ttsRoutes.isEmpty { tts = .languages(routes: ttsRoutes, otherwise: tts) }
        if let shadow = agent.shadow.tts { tts = .shadowed(primary: tts, shadow: ttsLabels.shadow(shadow)) }

        self.init(stt: stt, llm: llm, tts: tts)
    }
}

extension TurnComplexityRules {
    /// The classifier rules of an agent's `llm_tiers`, defaults where the file sets nothing.
    public init(tiers: LanguageModelTiers) {
        self.init(maxWords: tiers.maxWords ?? Self.defaultMaxWords,
                  questionWords: tiers.questionWords ?? Self.defaultQuestionWords,
                  strongKeywords: tiers.strongKeywords ?? Self.defaultStrongKeywords)
    }
}

extension UsagePrices {
    /// The prices of a provider entry's `pricing`.
    public init(_ pricing: ProviderPricing) {
        self.init(inputTokensPerMillion: pricing.inputPerMillionTokensMicros,
                  outputTokensPerMillion: pricing.outputPerMillionTokensMicros,
                  charactersPerMillion: pricing.perMillionCharactersMicros,
                  audioPerMinute: pricing.perAudioMinuteMicros)
    }
}

/// Gives each provider entry of one layer its label: the kind, with `/model` when the entry sets a
/// `model`; the same entry written twice keeps one label, different entries that would share one get
/// `#2`, `#3`…; shadows are labelled `shadow/<label>`.
struct PlanLabels<Kind: Agents.ProviderKind> {
    private var assigned: [(config: ProviderConfig<Kind>, label: String)] = []

    mutating func plan(_ list: [ProviderConfig<Kind>]) -> ProviderPlan<Kind> {
        let leaves = list.map { leaf($0, prefix: "") }
        return leaves.count == 1 ? .single(leaves[0]) : .fallback(leaves)
    }

    mutating func shadow(_ config: ProviderConfig<Kind>) -> PlannedProvider<Kind> {
        leaf(config, prefix: "shadow/")
    }

    private mutating func leaf(_ config: ProviderConfig<Kind>, prefix: String) -> PlannedProvider<Kind> {
        let base = prefix + config.kind.rawValue + (config.string("model").map { "/\($0)" } ?? "")
        if let same = assigned.first(where: { $0.config == config && ($0.label == base || $0.label.hasPrefix(base + "#")) }) {
            return PlannedProvider(config: config, label: same.label, prices: UsagePrices(config.pricing))
        }
        var label = base
        var suffix = 2
        while assigned.contains(where: { $0.label == label }) {
            label = "\(base)#\(suffix)"
            suffix += 1
        }
        assigned.append((config, label))
        return PlannedProvider(config: config, label: label, prices: UsagePrices(config.pricing))
    }
}
