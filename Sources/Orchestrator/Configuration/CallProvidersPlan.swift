import Agents
import Speech

/// One configured provider in a plan: its entry, the label it is metered and reported under (unique
/// per layer within the agent) and its prices. The factory builds the adapter from `config` and wraps
/// it in the layer's metering wrapper (`MeteredLanguageModel`…) with the call's meter for `label`.
public struct PlannedProvider<Kind: Agents.ProviderKind>: Sendable, Hashable {
    public var config: ProviderConfig<Kind>
    public var label: String
    public var prices: UsagePrices

    public init(config: ProviderConfig<Kind>, label: String, prices: UsagePrices) {
        self.config = config
        self.label = label
        self.prices = prices
    }
}

/// How one layer's providers are composed, outermost first. Every node becomes a wrapper that is itself
/// the layer's protocol (`SpeechToText`, `LanguageModel`, `TextToSpeech`), so the session sees one
/// provider per layer.
public indirect enum ProviderPlan<Kind: Agents.ProviderKind>: Sendable, Hashable {
    /// One metered provider.
    case single(PlannedProvider<Kind>)
    /// A fallback router over these metered providers, primary first.
    case fallback([PlannedProvider<Kind>])
    /// `LanguageRouted…` over per-language plans, with `otherwise` for languages no route fits.
    case languages(routes: [LanguageRoutePlan<Kind>], otherwise: ProviderPlan<Kind>)
    /// `TieredLanguageModel` (LLM only): simple turns to `fast`, the rest to `strong`.
    case tiers(fast: ProviderPlan<Kind>, strong: ProviderPlan<Kind>, rules: TurnComplexityRules)
    /// `Shadow…` around the layer: `primary` serves the call, `shadow` (metered too) is compared.
    case shadowed(primary: ProviderPlan<Kind>, shadow: PlannedProvider<Kind>)

    /// Every provider the plan names, in order (the shadow last), each once.
    public var providers: [PlannedProvider<Kind>] {
        var seen: Set<String> = []
        return allLeaves.filter { seen.insert($0.label).inserted }
    }

    private var allLeaves: [PlannedProvider<Kind>] {
        switch self {
        case .single(let leaf): [leaf]
        case .fallback(let leaves): leaves
        case .languages(let routes, let otherwise): otherwise.allLeaves + routes.flatMap(\.plan.allLeaves)
        case .tiers(let fast, let strong, _): strong.allLeaves + fast.allLeaves
        case .shadowed(let primary, let shadow): primary.allLeaves + [shadow]
        }
    }
}

/// One language's plan inside `ProviderPlan.languages`.
public struct LanguageRoutePlan<Kind: Agents.ProviderKind>: Sendable, Hashable {
    public var tag: String
    public var plan: ProviderPlan<Kind>

    public init(tag: String, plan: ProviderPlan<Kind>) {
        self.tag = tag
        self.plan = plan
    }
}

/// What the executable's provider factory builds for an agent, layer by layer, as a pure value (no
/// vendor is named or built here). Composition, outermost first:
///
///     shadow ▸ tiers (llm) / language routes (stt, tts) ▸ fallback list ▸ metering ▸ adapter
///
/// The shadow is outermost so that it sees exactly what the layer is asked (every frame, request or
/// text) whichever tier, language or fallback then serves it; metering is innermost so each adapter's
/// usage is counted under its own label and prices, whichever route chose it.
public struct CallProvidersPlan: Sendable, Hashable {
    public var stt: ProviderPlan<STTProviderKind>
    public var llm: ProviderPlan<LLMProviderKind>
    public var tts: ProviderPlan<TTSProviderKind>

    public init(stt: ProviderPlan<STTProviderKind>, llm: ProviderPlan<LLMProviderKind>, tts: ProviderPlan<TTSProviderKind>) {
        self.stt = stt
        self.llm = llm
        self.tts = tts
    }
}
