/// The rules that decide whether a caller's turn is simple enough for the fast model. Every rule can only
/// send a turn to the strong model: a turn goes to the fast tier only when it breaks none of them.
public struct TurnComplexityRules: Sendable, Hashable {
    /// A yes/no, a name or a short confirmation fits in eight words; anything longer usually carries a
    /// request worth the strong model.
    public static let defaultMaxWords = 8
    /// Questions asking for an explanation or a fact need the strong model.
    public static let defaultQuestionWords = ["why", "how", "what", "when", "where", "which", "who", "whom", "whose",
                                              "explain", "describe", "compare"]
    /// Requests that usually need a tool call (bookings, changes, money).
    public static let defaultStrongKeywords = ["book", "cancel", "change", "reschedule", "schedule", "refund", "order",
                                               "pay", "transfer", "update", "appointment", "account"]

    /// A turn with more words than this is complex.
    public var maxWords: Int
    /// Whole words (case-insensitive; `what's` counts as `what`) that make a turn complex.
    public var questionWords: [String]
    /// Words or phrases that make a turn complex; each word matches a spoken word that starts with it, so
    /// `cancel` also catches `cancelled` and `cancellation`.
    public var strongKeywords: [String]

    public init(maxWords: Int = TurnComplexityRules.defaultMaxWords,
                questionWords: [String] = TurnComplexityRules.defaultQuestionWords,
                strongKeywords: [String] = TurnComplexityRules.defaultStrongKeywords) {
        self.maxWords = maxWords
        self.questionWords = questionWords
        self.strongKeywords = strongKeywords
    }
}

/// Which model of a `TieredLanguageModel` answers a turn.
public enum TurnTier: String, Sendable, Hashable, CaseIterable {
    case fast, strong
}

/// A classifier's answer: the tier, and the rule that decided it (for metrics, logs and tests).
public struct TurnClassification: Sendable, Hashable {
    /// Why a turn went where it went.
    public enum Reason: Sendable, Hashable {
        /// No rule was broken; the turn had this many words.
        case simple(words: Int)
        /// The conversation does not end with a caller message (a tool result to interpret, or nothing).
        case noCallerMessage
        /// More words than `maxWords`.
        case tooManyWords(Int)
        /// A question word from `questionWords`.
        case questionWord(String)
        /// A keyword (or phrase) from `strongKeywords`.
        case strongKeyword(String)
    }

    public var tier: TurnTier
    public var reason: Reason

    public init(tier: TurnTier, reason: Reason) {
        self.tier = tier
        self.reason = reason
    }
}

/// Decides, from the last caller message alone, whether a turn is simple (fast model) or complex (strong
/// model). Pure and rule-based: no model, no clock; the same conversation always gets the same answer.
public struct TurnComplexityClassifier: Sendable, Hashable {
    public var rules: TurnComplexityRules
    private let questionWords: Set<String>
    private let keywordPhrases: [(source: String, words: [String])]

    public init(rules: TurnComplexityRules = TurnComplexityRules()) {
        self.rules = rules
        self.questionWords = Set(rules.questionWords.flatMap(SpokenWords.split))
        self.keywordPhrases = rules.strongKeywords.compactMap { keyword in
            let words = SpokenWords.split(keyword)
            return words.isEmpty ? nil : (keyword, words)
        }
    }

    /// Classifies a request's conversation by its last message, which must come from the caller.
    public func classify(_ messages: [ChatMessage]) -> TurnClassification {
        guard let last = messages.last, last.role == .user else {
            return TurnClassification(tier: .strong, reason: .noCallerMessage)
        }
        return classify(last.content)
    }

    /// Classifies one caller utterance.
    public func classify(_ utterance: String) -> TurnClassification {
        let words = SpokenWords.split(utterance)
        if let question = words.first(where: isQuestionWord) {
            return TurnClassification(tier: .strong, reason: .questionWord(question))
        }
        if let keyword = keywordPhrases.first(where: { Self.contains(words, phrase: $0.words) }) {
            return TurnClassification(tier: .strong, reason: .strongKeyword(keyword.source))
        }
        if words.count > rules.maxWords {
            return TurnClassification(tier: .strong, reason: .tooManyWords(words.count))
        }
        return TurnClassification(tier: .fast, reason: .simple(words: words.count))
    }

    private func isQuestionWord(_ word: String) -> Bool {
        if questionWords.contains(word) { return true }
        guard let apostrophe = word.firstIndex(of: "'") else { return false }
        return questionWords.contains(String(word[..<apostrophe]))
    }

    /// Whether `phrase` occurs in `words` as consecutive words, each spoken word starting with the
    /// phrase's word.
    private static func contains(_ words: [String], phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        for start in 0...(words.count - phrase.count)
        where zip(words[start...], phrase).allSatisfy({ $0.hasPrefix($1) }) {
            return true
        }
        return false
    }

    public static func == (lhs: TurnComplexityClassifier, rhs: TurnComplexityClassifier) -> Bool {
        lhs.rules == rhs.rules
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(rules) }
}
