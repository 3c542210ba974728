/// The dialogue the offline `scripted` language model follows: intents matched by patterns, a
/// dialogue state that intents may require and change, and a fallback reply. Selection is pure and
/// deterministic (see `bestMatch`), so the same words always get the same answer.
public struct ScriptedDialogue: Sendable, Hashable {
    /// State a call starts in. Default `"start"`.
    public static let defaultInitialState = "start"
    /// Said when no intent matches. Default below.
    public static let defaultFallbackReply = "Sorry, I didn't understand that. Could you say it another way?"

    /// The state at the start of a call.
    public var initialState: String
    /// Reply when nothing matches.
    public var fallbackReply: TextTemplate
    /// The intents in declaration order.
    public var intents: [ScriptedIntent]

    /// Creates a dialogue.
    public init(initialState: String = defaultInitialState,
                fallbackReply: TextTemplate = TextTemplate(defaultFallbackReply),
                intents: [ScriptedIntent]) {
        self.initialState = initialState
        self.fallbackReply = fallbackReply
        self.intents = intents
    }

    /// An intent that matched, with the variables its pattern captured.
    public struct Selection: Sendable, Hashable {
        public var intent: ScriptedIntent
        public var captures: [String: String]
    }

    /// The intent for what the caller said in `state`, among intents active in that state (those with
    /// no `state`, and those whose `state` is this one). The match with the most literal words wins;
    /// ties go to state-specific intents, then to fewer captured words, then to declaration order.
    public func bestMatch(for utterance: Utterance, inState state: String) -> Selection? {
        var best: (selection: Selection, score: (Int, Int, Int))?
        for intent in intents where intent.state == nil || intent.state == state {
            for pattern in intent.patterns {
                guard let match = pattern.match(utterance) else { continue }
                let score = (match.literalWordCount, intent.state == nil ? 0 : 1, -match.capturedWordCount)
                if let current = best, current.score >= score { continue }
                best = (Selection(intent: intent, captures: match.captures), score)
            }
        }
        return best?.selection
    }

    /// The intent whose `dtmf` equals `digits` in `state` (state-specific intents first).
    public func intent(forDigits digits: String, inState state: String) -> ScriptedIntent? {
        intents.first { $0.state == state && $0.dtmf == digits }
            ?? intents.first { $0.state == nil && $0.dtmf == digits }
    }
}
