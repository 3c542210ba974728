/// The optional `llm_tiers` section: a fast model for simple caller turns; the `llm` list is the strong
/// tier. The rules are overrides: nil keeps the classifier's default (`Docs/agents.md` lists them).
public struct LanguageModelTiers: Sendable, Hashable {
    /// The fast tier's providers, primary first. Never empty.
    public var fast: [LLMProviderConfig]
    /// `rules.max_words`.
    public var maxWords: Int?
    /// `rules.question_words`.
    public var questionWords: [String]?
    /// `rules.strong_keywords`.
    public var strongKeywords: [String]?

    public static let maxWordsRange = 1...100

    public init(fast: [LLMProviderConfig], maxWords: Int? = nil, questionWords: [String]? = nil,
                strongKeywords: [String]? = nil) {
        self.fast = fast
        self.maxWords = maxWords
        self.questionWords = questionWords
        self.strongKeywords = strongKeywords
    }
}

/// One entry of the optional `languages` section: providers used when a call's language matches `tag`
/// (exact tag, then primary subtag, then another region of the same language; else the top-level
/// lists). A layer left out uses the top-level list for that language too.
public struct LanguageProviders: Sendable, Hashable {
    /// The BCP 47 tag as written (`es-ES`, `fr`).
    public var tag: String
    public var stt: [STTProviderConfig]?
    public var tts: [TTSProviderConfig]?

    public init(tag: String, stt: [STTProviderConfig]? = nil, tts: [TTSProviderConfig]? = nil) {
        self.tag = tag
        self.stt = stt
        self.tts = tts
    }
}

/// The optional `shadow` section: per layer, a provider that receives the same input as the primary for
/// comparison only (metrics and the call record); the caller never hears or sees its results.
public struct ShadowProviders: Sendable, Hashable {
    public var stt: STTProviderConfig?
    public var llm: LLMProviderConfig?
    public var tts: TTSProviderConfig?

    public init(stt: STTProviderConfig? = nil, llm: LLMProviderConfig? = nil, tts: TTSProviderConfig? = nil) {
        self.stt = stt
        self.llm = llm
        self.tts = tts
    }

    /// Whether no layer has a shadow.
    public var isEmpty: Bool { stt == nil && llm == nil && tts == nil }
}
