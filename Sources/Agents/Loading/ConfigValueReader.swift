import Yams

/// Reads free-form YAML (provider settings, tool schemas) into `ConfigValue`, optionally expanding
/// `${ENV_VAR}` in strings. Bounded: aliases can make a small file describe a huge tree, so depth and
/// node count are capped and exceeding them is a located error.
struct ConfigValueReader {
    /// Deepest nesting accepted; real settings and schemas are a few levels deep.
    static let maxDepth = 16
    /// Most nodes read per value (aliases count each time they are expanded).
    static let maxNodes = 10_000

    let problems: ProblemCollector
    /// Nil: strings are taken literally.
    let environment: [String: String]?
    private var visited = 0
    private var reportedBudget = false

    init(problems: ProblemCollector, environment: [String: String]?) {
        self.problems = problems
        self.environment = environment
    }

    /// The value of `node`, or nil when any part of it had a problem.
    mutating func value(_ node: Node, _ what: String) -> ConfigValue? {
        value(node, what, depth: 0)
    }

    private mutating func value(_ node: Node, _ what: String, depth: Int) -> ConfigValue? {
        visited += 1
        guard visited <= Self.maxNodes, depth <= Self.maxDepth else {
            if !reportedBudget {
                problems.error(.invalidValue, at: node.location, "\"\(what)\" is too large or too deeply nested "
                    + "(limits: \(Self.maxNodes) values, \(Self.maxDepth) levels)")
                reportedBudget = true
            }
            return nil
        }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, node: node, what)
        case .sequence(let sequence):
            var elements: [ConfigValue] = []
            var failed = false
            for (index, element) in sequence.enumerated() {
                if let converted = value(element, "\(what)[\(index)]", depth: depth + 1) { elements.append(converted) } else { failed = true }
            }
            return failed ? nil : .list(elements)
        case .mapping(let mapping):
            var entries: [String: ConfigValue] = [:]
            var failed = false
            for (key, element) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    problems.error(.wrongType, at: key.location, "keys in \"\(what)\" must be text, found \(key.kindDescription)")
                    failed = true
                    continue
                }
                if let converted = value(element, "\(what).\(keyScalar.string)", depth: depth + 1) {
                    entries[keyScalar.string] = converted
                } else { failed = true }
            }
            return failed ? nil : .map(entries)
        case .alias:
            problems.error(.wrongType, at: node.location, "\"\(what)\" is an unresolved alias")
            return nil
        }
    }

    private func scalarValue(_ scalar: Node.Scalar, node: Node, _ what: String) -> ConfigValue? {
        if let plain = node.plainScalar {
            if node.isNull { return .null }
            if let bool = ScalarParsing.bool(plain) { return .bool(bool) }
            if let int = ScalarParsing.int(plain) { return .int(int) }
            if let double = ScalarParsing.double(plain) { return .double(double) }
        }
        guard let environment, EnvironmentSubstitution.containsReference(scalar.string) else {
            return .string(scalar.string)
        }
        switch EnvironmentSubstitution.expand(scalar.string, environment: environment) {
        case .success(let expanded): return .string(expanded)
        case .failure(let failures):
            for failure in failures.all { problems.error(.environmentVariable, at: node.location, "\"\(what)\": \(failure.message)") }
            return nil
        }
    }
}

extension ProblemCollector {
    /// Text with `${ENV_VAR}` references expanded from `environment`.
    func expandedString(_ node: Node, _ what: String, environment: [String: String]) -> String? {
        guard let text = nonEmptyString(node, what) else { return nil }
        switch EnvironmentSubstitution.expand(text, environment: environment) {
        case .success(let expanded): return expanded
        case .failure(let failures):
            for failure in failures.all { error(.environmentVariable, at: node.location, "\"\(what)\": \(failure.message)") }
            return nil
        }
    }

    /// A credential: normally `${ENV_VAR}`; a literal value works but draws a warning, because
    /// configuration files end up in repositories and tickets.
    func secret(_ node: Node, _ what: String, environment: [String: String]) -> Secret? {
        guard let text = nonEmptyString(node, what) else { return nil }
        guard EnvironmentSubstitution.containsReference(text) else {
            warning(.literalSecret, at: node.location,
                    "\"\(what)\" is written literally; write ${ENV_VAR} so the secret stays out of configuration files")
            return Secret(text)
        }
        return expandedString(node, what, environment: environment).map {
            Secret($0, source: EnvironmentSubstitution.firstVariableName(in: text))
        }
    }
}
