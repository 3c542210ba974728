import Agents

/// The words a grammar lets a capture (`{name}`) take. Open vocabulary is not an option: measured
/// here, pocketsphinx's open-vocabulary search garbles even clean speech, so a capture is a closed list.
/// Entries may be several words ("mary ann"); they are lower-cased and split on spaces.
public struct CaptureVocabulary: Sendable, Hashable {
    /// Common English given names and surnames, for the most common capture (a caller's name).
    public static let defaultWords = [
        "james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
        "daniel", "matthew", "anthony", "mark", "paul", "steven", "andrew", "peter", "alan", "george",
        "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
        "nancy", "lisa", "emma", "anna", "grace", "ada", "alice", "laura", "emily", "helen",
        "smith", "johnson", "williams", "brown", "jones", "miller", "davis", "wilson", "taylor", "clark",
        "hopper", "lovelace", "turing",
    ]

    /// Words for captures the per-name lists do not mention.
    public var defaultEntries: [String]
    /// Words per capture name.
    public var entriesByCapture: [String: [String]]

    public init(defaultEntries: [String] = CaptureVocabulary.defaultWords, entriesByCapture: [String: [String]] = [:]) {
        self.defaultEntries = defaultEntries
        self.entriesByCapture = entriesByCapture
    }

    /// Reads `capture_words`: a list (the words of every capture) or a map from capture name to list.
    public init(setting: ConfigValue?) {
        self.init()
        if let list = setting?.listValue {
            defaultEntries = list.compactMap(\.stringValue)
        } else if let map = setting?.mapValue {
            entriesByCapture = map.mapValues { $0.listValue?.compactMap(\.stringValue) ?? [] }
        }
    }

    /// The capture's entries as grammar text (words joined by spaces), split into those the dictionary
    /// knows fully and the unknown words of the others.
    func entries(for capture: String, isKnownWord: (String) -> Bool) -> (known: [String], unknownWords: [String]) {
        var known: [String] = []
        var unknown: [String] = []
        for entry in entriesByCapture[capture] ?? defaultEntries {
            let words = Utterance(entry).words.map(\.normalized)
            let missing = words.filter { !isKnownWord($0) }
            if words.isEmpty { continue }
            if missing.isEmpty {
                let text = words.joined(separator: " ")
                if !known.contains(text) { known.append(text) }
            } else {
                unknown += missing
            }
        }
        return (known, unknown)
    }
}
