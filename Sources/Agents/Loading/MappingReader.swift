import Yams

/// Reads one YAML mapping of a known shape: reports keys the shape does not define (with a
/// did-you-mean suggestion), keys that are not text, and required keys that are missing, and hands
/// out the values of known keys. `path` names the mapping in messages (`turn_taking`, `llm[0]`).
struct MappingReader {
    let problems: ProblemCollector
    let path: String
    let location: Location
    private var values: [String: Node] = [:]
    private var keyLocations: [String: Location] = [:]

    /// Nil (with a problem recorded) when `node` is not a mapping.
    init?(_ node: Node, path: String, keys: [String], problems: ProblemCollector) {
        self.problems = problems
        self.path = path
        self.location = node.location
        guard case .mapping(let mapping) = node else {
            problems.error(.wrongType, at: node.location,
                           "\"\(path)\" must be a mapping of keys to values, found \(node.kindDescription)")
            return nil
        }
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                problems.error(.wrongType, at: keyNode.location, "keys in \"\(path)\" must be text, found \(keyNode.kindDescription)")
                continue
            }
            let key = scalar.string
            guard keys.contains(key) else {
                let place = path.isEmpty ? "" : " in \"\(path)\""
                problems.error(.unknownKey, at: keyNode.location,
                               "unknown key \"\(key)\"\(place)" + DidYouMean.hint(for: key, among: keys))
                continue
            }
            values[key] = value
            keyLocations[key] = keyNode.location
        }
    }

    /// The dotted name of a key inside this mapping, for messages.
    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`, or nil when it is absent or null.
    func node(_ key: String) -> Node? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }

    /// Whether the key is written at all (even with a null value).
    func contains(_ key: String) -> Bool { values[key] != nil }

    /// Where the key itself is written.
    func keyLocation(_ key: String) -> Location? { keyLocations[key] }

    /// The value of a required key; records `missingField` when it is absent or null.
    func required(_ key: String, _ meaning: String) -> Node? {
        if let value = node(key) { return value }
        let where_ = path.isEmpty ? "" : " in \"\(path)\""
        problems.error(.missingField, at: keyLocations[key] ?? location,
                       "missing required key \"\(key)\"\(where_) (\(meaning))")
        return nil
    }

    func string(_ key: String) -> String? { node(key).flatMap { problems.nonEmptyString($0, name(key)) } }

    func int(_ key: String, in range: ClosedRange<Int>, unit: String = "") -> Int? {
        node(key).flatMap { problems.int($0, name(key), in: range, unit: unit) }
    }

    func double(_ key: String, in range: ClosedRange<Double>) -> Double? {
        node(key).flatMap { problems.double($0, name(key), in: range) }
    }

    func bool(_ key: String) -> Bool? { node(key).flatMap { problems.bool($0, name(key)) } }
}
