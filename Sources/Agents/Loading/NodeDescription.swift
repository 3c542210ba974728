import Yams

extension Node {
    /// Where the node starts in its file.
    var location: Location {
        mark.map { Location(line: $0.line, column: $0.column) } ?? .start
    }

    /// The scalar, if this is a scalar written plainly (unquoted): only those can be numbers,
    /// booleans or null.
    var plainScalar: String? {
        guard case .scalar(let scalar) = self, scalar.style == .plain || scalar.style == .any else { return nil }
        return scalar.string
    }

    /// Where the character at `offset` of a scalar's text is written, when that can be known exactly
    /// (a one-line plain or quoted scalar with no escapes); otherwise where the scalar starts.
    func location(ofCharacter offset: Int) -> Location {
        guard case .scalar(let scalar) = self, !scalar.string.contains(where: \.isNewline) else { return location }
        switch scalar.style {
        case .plain, .any: return Location(line: location.line, column: location.column + offset)
        case .singleQuoted where !scalar.string.contains("'"),
             .doubleQuoted where !scalar.string.contains("\\") && !scalar.string.contains("\""):
            return Location(line: location.line, column: location.column + 1 + offset)
        default: return location
        }
    }

    /// True for `~`, `null` and an empty plain value (`greeting:` with nothing after it).
    var isNull: Bool {
        guard let text = plainScalar else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// How the node reads in an error message: `a list`, `the number 5`, `the text "fast"`.
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull { return "nothing (null)" }
            let shown = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            if plainScalar != nil, ScalarParsing.int(scalar.string) != nil || ScalarParsing.double(scalar.string) != nil {
                return "the number \(shown)"
            }
            if plainScalar != nil, ScalarParsing.bool(scalar.string) != nil { return "the boolean \(shown)" }
            return "the text \"\(shown)\""
        }
    }
}

/// Reading plain scalars as YAML 1.2 core types, strictly: `true`/`false` only, decimal integers
/// (with optional `_` separators), decimal floats.
enum ScalarParsing {
    static func int(_ text: String) -> Int? {
        let digits = text.filter { $0 != "_" }
        guard !digits.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_") else { return nil }
        let unsigned = digits.hasPrefix("-") || digits.hasPrefix("+") ? digits.dropFirst() : Substring(digits)
        guard !unsigned.isEmpty, unsigned.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(digits)
    }

    static func double(_ text: String) -> Double? {
        guard text.contains(where: \.isASCIIDigit),
              text.allSatisfy({ $0.isASCIIDigit || "+-.eE_".contains($0) }) else { return nil }
        return Double(text.filter { $0 != "_" })
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// YAML 1.1 booleans that YAML 1.2 reads as text: worth a hint when a boolean was expected.
    static func isYAML11Boolean(_ text: String) -> Bool {
        ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
    }
}
