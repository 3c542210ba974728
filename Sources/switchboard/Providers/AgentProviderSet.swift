import Agents
import Logging
import Net
import Orchestrator
import Providers
import Speech

/// One agent's providers, built once when the agent loads: an adapter per entry of its
/// `CallProvidersPlan` (keyed by the plan's label), a circuit breaker per routed provider (from the
/// server's registry, so every call of the agent shares them), the routing observer and the tool runner.
/// `callProviders()` wraps these shared adapters in fresh per-call metering, fallback, tier, language and
/// shadow wrappers, with the call's own `CallUsage` and `ShadowReportLog`.
struct AgentProviderSet: Sendable {
    let agent: AgentConfig
    let plan: CallProvidersPlan
    private let speechToTexts: [String: any SpeechToText]
    private let languageModels: [String: any LanguageModel]
    private let textToSpeeches: [String: any TextToSpeech]
    private let breakers: CircuitBreakerRegistry
    private let observer: SwiftMetricsRoutingObserver
    private let budgets: RouterBudgets
    private let tools: any ToolRunner
    /// The agent's voices in fallback order with espeak-ng last: what canned phrases are synthesized with.
    let phraseVoice: FallbackTextToSpeech

    /// Builds every adapter the agent's plan names in `layers`; the first entry an adapter refuses is
    /// thrown. Only a set of every layer can serve `callProviders()`.
    init(agent: AgentConfig, network: ProviderNetwork, breakers: CircuitBreakerRegistry, logger: Logger,
         layers: Set<RoutingLayer> = Set(RoutingLayer.allCases),
         scriptedVariables: [String: String]? = nil) throws(ProviderSetupError) {
        let plan = CallProvidersPlan(agent: agent)
        let builder = ProviderAdapterBuilder(agent: agent, network: network, scriptedVariables: scriptedVariables)
        var stt: [String: any SpeechToText] = [:]
        var llm: [String: any LanguageModel] = [:]
        var tts: [String: any TextToSpeech] = [:]
        if layers.contains(.speechToText) {
            for leaf in plan.stt.providers { stt[leaf.label] = try builder.speechToText(leaf.config) }
        }
        if layers.contains(.languageModel) {
            for leaf in plan.llm.providers { llm[leaf.label] = try builder.languageModel(leaf.config) }
        }
        if layers.contains(.textToSpeech) {
            for leaf in plan.tts.providers { tts[leaf.label] = try builder.textToSpeech(leaf.config) }
        }
        self.agent = agent
        self.plan = plan
        self.speechToTexts = stt
        self.languageModels = llm
        self.textToSpeeches = tts
        self.breakers = breakers
        self.observer = SwiftMetricsRoutingObserver(agent: agent.name, logger: logger)
        self.budgets = RouterBudgets(agent: agent)
        self.tools = agent.tools.isEmpty ? UnavailableToolRunner() : WebhookToolRunner(tools: agent.tools, http: network.http)
        let voices = plan.tts.baseLeaves.compactMap { leaf -> (any TextToSpeech, SharedCircuitBreaker)? in
            tts[leaf.label].map { ($0, breakers.breaker(agent: agent.name, layer: .textToSpeech, provider: leaf.label)) }
        }
        let lastResortBreaker = breakers.breaker(agent: agent.name, layer: .textToSpeech, provider: "espeak/last-resort")
        self.phraseVoice = FallbackTextToSpeech(providers: voices.isEmpty ? [(builder.lastResortVoice(), lastResortBreaker)] : voices,
                                                budget: RouterBudgets(agent: agent).textToSpeech,
                                                observer: observer)
            .appending(lastResort: builder.lastResortVoice(), breaker: lastResortBreaker)
        observer.publishInitialStates(routedBreakers())
    }

    /// Fresh per-call wrappers around the shared adapters.
    func callProviders() -> CallProviders {
        let usage = CallUsage()
        let shadows = ShadowReportLog()
        return CallProviders(speechToText: speechToText(plan.stt, usage, shadows),
                             languageModel: languageModel(plan.llm, usage, shadows),
                             textToSpeech: textToSpeech(plan.tts, usage, shadows),
                             tools: tools, usage: usage, shadowReports: shadows)
    }

    /// A fresh per-call language model alone (what `chat` runs), metered into `usage`.
    func callLanguageModel(usage: CallUsage, shadows: ShadowReportLog) -> any LanguageModel {
        languageModel(plan.llm, usage, shadows)
    }

    private func breaker(_ layer: RoutingLayer, _ leaf: PlannedProvider<some Agents.ProviderKind>) -> SharedCircuitBreaker {
        breakers.breaker(agent: agent.name, layer: layer, provider: leaf.label)
    }

    private func routedBreakers() -> [(RoutingLayer, SharedCircuitBreaker)] {
        plan.stt.routedLeaves.map { (.speechToText, breaker(.speechToText, $0)) }
            + plan.llm.routedLeaves.map { (.languageModel, breaker(.languageModel, $0)) }
            + plan.tts.routedLeaves.map { (.textToSpeech, breaker(.textToSpeech, $0)) }
    }

    private func speechToText(_ plan: ProviderPlan<STTProviderKind>, _ usage: CallUsage,
                              _ shadows: ShadowReportLog) -> any SpeechToText {
        func metered(_ leaf: PlannedProvider<STTProviderKind>) -> any SpeechToText {
            MeteredSpeechToText(speechToTexts[leaf.label]!, meter: usage.meter(layer: .stt, provider: leaf.label, prices: leaf.prices))
        }
        switch plan {
        case .single(let leaf): return metered(leaf)
        case .fallback(let leaves):
            return FallbackSpeechToText(providers: leaves.map { (metered($0), breaker(.speechToText, $0)) }, observer: observer)
        case .languages(let routes, let otherwise):
            return LanguageRoutedSpeechToText(routes: LanguageRoutes(
                routes: routes.map { .init(tag: $0.tag, provider: speechToText($0.plan, usage, shadows)) },
                defaultProvider: speechToText(otherwise, usage, shadows)))
        case .tiers(_, let strong, _): return speechToText(strong, usage, shadows)
        case .shadowed(let primary, let shadow):
            return ShadowSpeechToText(primary: speechToText(primary, usage, shadows), shadow: metered(shadow),
                                      observer: { shadows.record($0) })
        }
    }

    private func languageModel(_ plan: ProviderPlan<LLMProviderKind>, _ usage: CallUsage,
                               _ shadows: ShadowReportLog) -> any LanguageModel {
        func metered(_ leaf: PlannedProvider<LLMProviderKind>) -> any LanguageModel {
            MeteredLanguageModel(languageModels[leaf.label]!, meter: usage.meter(layer: .llm, provider: leaf.label, prices: leaf.prices))
        }
        switch plan {
        case .single(let leaf): return metered(leaf)
        case .fallback(let leaves):
            return FallbackLanguageModel(providers: leaves.map { (metered($0), breaker(.languageModel, $0)) },
                                         budget: budgets.languageModel, observer: observer)
        case .languages(_, let otherwise): return languageModel(otherwise, usage, shadows)
        case .tiers(let fast, let strong, let rules):
            return TieredLanguageModel(fast: languageModel(fast, usage, shadows), strong: languageModel(strong, usage, shadows),
                                       classifier: TurnComplexityClassifier(rules: rules))
        case .shadowed(let primary, let shadow):
            return ShadowLanguageModel(primary: languageModel(primary, usage, shadows), shadow: metered(shadow),
                                       observer: { shadows.record($0) })
        }
    }

    private func textToSpeech(_ plan: ProviderPlan<TTSProviderKind>, _ usage: CallUsage,
                              _ shadows: ShadowReportLog) -> any TextToSpeech {
        func metered(_ leaf: PlannedProvider<TTSProviderKind>) -> any TextToSpeech {
            MeteredTextToSpeech(textToSpeeches[leaf.label]!, meter: usage.meter(layer: .tts, provider: leaf.label, prices: leaf.prices))
        }
        switch plan {
        case .single(let leaf): return metered(leaf)
        case .fallback(let leaves):
            return FallbackTextToSpeech(providers: leaves.map { (metered($0), breaker(.textToSpeech, $0)) },
                                        budget: budgets.textToSpeech, observer: observer)
        case .languages(let routes, let otherwise):
            return LanguageRoutedTextToSpeech(routes: LanguageRoutes(
                routes: routes.map { .init(tag: $0.tag, provider: textToSpeech($0.plan, usage, shadows)) },
                defaultProvider: textToSpeech(otherwise, usage, shadows)))
        case .tiers(_, let strong, _): return textToSpeech(strong, usage, shadows)
        case .shadowed(let primary, let shadow):
            return ShadowTextToSpeech(primary: textToSpeech(primary, usage, shadows), shadow: metered(shadow),
                                      observer: { shadows.record($0) })
        }
    }
}

extension ProviderPlan {
    /// The layer's own provider list (the agent's `stt`/`llm`/`tts`): what serves a call no language
    /// route, tier or shadow takes elsewhere.
    var baseLeaves: [PlannedProvider<Kind>] {
        switch self {
        case .single(let leaf): [leaf]
        case .fallback(let leaves): leaves
        case .languages(_, let otherwise): otherwise.baseLeaves
        case .tiers(_, let strong, _): strong.baseLeaves
        case .shadowed(let primary, _): primary.baseLeaves
        }
    }

    /// The providers that sit in a fallback router (and so have a breaker).
    var routedLeaves: [PlannedProvider<Kind>] {
        switch self {
        case .single: []
        case .fallback(let leaves): leaves
        case .languages(let routes, let otherwise): otherwise.routedLeaves + routes.flatMap(\.plan.routedLeaves)
        case .tiers(let fast, let strong, _): strong.routedLeaves + fast.routedLeaves
        case .shadowed(let primary, _): primary.routedLeaves
        }
    }
}
