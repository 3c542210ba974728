/// Expands `${NAME}` references from an injected environment (a dictionary, so loading stays pure
/// and tests choose the environment). `${NAME:-fallback}` uses `fallback` when NAME is unset or
/// empty; `$$` is a literal `$`. Expansion applies only where `Docs/agents.md` says it does
/// (credentials, provider settings, webhook URLs and headers), never to what the agent says.
enum EnvironmentSubstitution {
    /// Why a reference could not be expanded.
    struct Failure: Error, Hashable {
        var message: String
    }

    /// Every reference in a text that could not be expanded.
    struct Failures: Error, Hashable {
        var all: [Failure]
    }

    /// The expanded text, or every failure found in it.
    static func expand(_ text: String, environment: [String: String]) -> Result<String, Failures> {
        var output = ""
        var failures: [Failure] = []
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                output += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{") {
                guard let close = after.firstIndex(of: "}") else {
                    failures.append(Failure(message: "\"${\" is not closed by \"}\""))
                    return .failure(Failures(all: failures))
                }
                let reference = after[after.index(after: after.startIndex)..<close]
                switch resolve(reference, environment: environment) {
                case .success(let value): output += value
                case .failure(let failure): failures.append(failure)
                }
                rest = after[after.index(after: close)...]
            } else {
                output += "$"
                rest = after
            }
        }
        output += rest
        return failures.isEmpty ? .success(output) : .failure(Failures(all: failures))
    }

    /// True when `text` contains at least one `${…}` reference.
    static func containsReference(_ text: String) -> Bool {
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("{") { return true }
            rest = after.hasPrefix("$") ? after.dropFirst() : after
        }
        return false
    }

    /// The name of the first reference in `text`, for labelling secrets.
    static func firstVariableName(in text: String) -> String? {
        var rest = text[...]
        while let dollar = rest.firstIndex(of: "$") {
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("{") {
                let name = after.dropFirst().prefix { $0 != "}" && $0 != ":" }
                return name.isEmpty ? nil : String(name)
            }
            rest = after.hasPrefix("$") ? after.dropFirst() : after
        }
        return nil
    }

    private static func resolve(_ reference: Substring, environment: [String: String]) -> Result<String, Failure> {
        let name: Substring
        let fallback: Substring?
        if let separator = reference.range(of: ":-") {
            name = reference[..<separator.lowerBound]
            fallback = reference[separator.upperBound...]
        } else {
            name = reference
            fallback = nil
        }
        guard isVariableName(name) else {
            return .failure(Failure(message: "\"${\(reference)}\" is not a valid reference; write ${NAME} with "
                + "letters, digits and _ (not starting with a digit)"))
        }
        if let value = environment[String(name)], !value.isEmpty { return .success(value) }
        if let fallback { return .success(String(fallback)) }
        let state = environment[String(name)] == nil ? "is not set" : "is set but empty"
        return .failure(Failure(message: "environment variable \(name) \(state)"))
    }

    private static func isVariableName(_ name: Substring) -> Bool {
        guard let first = name.first, !first.isASCIIDigit else { return false }
        return name.allSatisfy { $0.isASCIIDigit || $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
    }
}
