import Agents

/// A JSGF grammar for PocketSphinx built from the phrases an agent expects, and what had to be left
/// out of it. Pure: the dictionary is a function, so the builder is tested without pocketsphinx.
///
/// The grammar says exactly one phrase per utterance: every phrase of every intent (all dialogue
/// states at once), the `phrases` setting and the request's hints. A capture (`{name}`) becomes 1 to
/// `maximumCaptureWords` words from its vocabulary (the `capture_words` setting, else
/// `CaptureVocabulary.defaultWords`). Phrases with a word the dictionary lacks are dropped (a grammar
/// path that cannot be pronounced would make pocketsphinx refuse the whole grammar) and reported in
/// `dropped`, as are unknown capture words; nothing fails unless no phrase is left.
public struct SpeechGrammar: Sendable, Hashable {
    /// A phrase left out, and the words that made it unusable.
    public struct DroppedPhrase: Sendable, Hashable, CustomStringConvertible {
        public var phrase: String
        public var reason: String
        public var description: String { "\"\(phrase)\": \(reason)" }
    }

    /// The grammar text given to `ps_set_jsgf_string`.
    public var jsgf: String
    /// The phrases in the grammar, as written (captures shown as `{name}`).
    public var phrases: [String]
    /// Phrases left out.
    public var dropped: [DroppedPhrase]
    /// Capture vocabulary words the dictionary lacks (left out).
    public var unknownCaptureWords: [String]

    /// Builds the grammar, or nil when no phrase can be recognized at all.
    public static func build(phrases: [IntentPattern], vocabulary: CaptureVocabulary, maximumCaptureWords: Int,
                             isKnownWord: (String) -> Bool) -> SpeechGrammar? {
        var captureRules: [String: [String]] = [:]
        var unknownCaptureWords: [String] = []
        var kept: [(source: String, expansion: String)] = []
        var seen = Set<String>()
        var dropped: [DroppedPhrase] = []
        for pattern in phrases {
            var missing: [String] = []
            var expansion: [String] = []
            for token in pattern.tokens {
                switch token {
                case .word(let word):
                    if isKnownWord(word) { expansion.append(word) } else { missing.append(word) }
                case .capture(let name):
                    if captureRules[name] == nil {
                        let (known, unknown) = vocabulary.entries(for: name, isKnownWord: isKnownWord)
                        captureRules[name] = known
                        unknownCaptureWords += unknown.filter { !unknownCaptureWords.contains($0) }
                    }
                    if captureRules[name]!.isEmpty {
                        missing.append("{\(name)} (no capture word is in the dictionary)")
                    }
                    expansion.append("<\(ruleName(capture: name))>")
                }
            }
            guard missing.isEmpty else {
                dropped.append(DroppedPhrase(phrase: pattern.source, reason: "not in the dictionary: "
                                             + missing.joined(separator: ", ")))
                continue
            }
            let text = expansion.joined(separator: " ")
            if seen.insert(text).inserted { kept.append((pattern.source, text)) }
        }
        guard !kept.isEmpty else { return nil }
        let usedCaptures = captureRules.keys.filter { name in kept.contains { $0.expansion.contains("<\(ruleName(capture: name))>") } }
        let jsgf = text(alternatives: kept.map(\.expansion),
                        captures: usedCaptures.sorted().map { ($0, captureRules[$0]!) },
                        repeats: max(1, maximumCaptureWords))
        return SpeechGrammar(jsgf: jsgf, phrases: kept.map(\.source), dropped: dropped,
                             unknownCaptureWords: unknownCaptureWords)
    }

    private static func ruleName(capture name: String) -> String { "capture_" + name }

    /// JSGF 1.0 (W3C note, 2000): one public rule of alternatives; each capture a rule repeating its
    /// word rule 1…`repeats` times.
    private static func text(alternatives: [String], captures: [(String, [String])], repeats: Int) -> String {
        var lines = ["#JSGF V1.0;", "grammar switchboard;",
                     "public <utterance> = " + alternatives.joined(separator: " | ") + ";"]
        for (name, entries) in captures {
            let rule = ruleName(capture: name)
            let optional = Array(repeating: " [<\(rule)_word>]", count: repeats - 1).joined()
            lines.append("<\(rule)> = <\(rule)_word>\(optional);")
            lines.append("<\(rule)_word> = " + entries.joined(separator: " | ") + ";")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
