import Yams

/// Typed reading of single values, reporting a located problem (and returning nil) when a value has
/// the wrong type or is out of range. `what` names the value in messages (`turn_taking.no_input_reprompts`).
extension ProblemCollector {
    /// Any scalar as text (a plain `8080` or `+15550100` is read as written).
    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, !node.isNull else {
            error(.wrongType, at: node.location, "\"\(what)\" must be text, found \(node.kindDescription)")
            return nil
        }
        return scalar.string
    }

    /// Text that must not be empty or only whitespace.
    func nonEmptyString(_ node: Node, _ what: String) -> String? {
        guard let text = string(node, what) else { return nil }
        guard !text.allSatisfy(\.isWhitespace) else {
            error(.invalidValue, at: node.location, "\"\(what)\" must not be empty")
            return nil
        }
        return text
    }

    /// A whole number within `range`.
    func int(_ node: Node, _ what: String, in range: ClosedRange<Int>, unit: String = "") -> Int? {
        guard let text = node.plainScalar, let value = ScalarParsing.int(text) else {
            error(.wrongType, at: node.location, "\"\(what)\" must be a whole number\(unit.isEmpty ? "" : " of \(unit)"), found \(node.kindDescription)")
            return nil
        }
        guard range.contains(value) else {
            error(.outOfRange, at: node.location,
                  "\"\(what)\" is \(value), but must be between \(range.lowerBound) and \(range.upperBound)\(unit.isEmpty ? "" : " \(unit)")")
            return nil
        }
        return value
    }

    /// A number (integer or decimal) within `range`.
    func double(_ node: Node, _ what: String, in range: ClosedRange<Double>) -> Double? {
        guard let text = node.plainScalar, let value = ScalarParsing.double(text), value.isFinite else {
            error(.wrongType, at: node.location, "\"\(what)\" must be a number, found \(node.kindDescription)")
            return nil
        }
        guard range.contains(value) else {
            error(.outOfRange, at: node.location,
                  "\"\(what)\" is \(value), but must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    func bool(_ node: Node, _ what: String) -> Bool? {
        guard let text = node.plainScalar, let value = ScalarParsing.bool(text) else {
            let hint = node.plainScalar.map(ScalarParsing.isYAML11Boolean) == true ? " (write true or false)" : ""
            error(.wrongType, at: node.location, "\"\(what)\" must be true or false, found \(node.kindDescription)\(hint)")
            return nil
        }
        return value
    }

    /// One of a fixed set of words.
    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as type: T.Type,
                                                     code: ProblemCode = .invalidValue) -> T? where T.RawValue == String {
        guard let text = string(node, what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let names = T.allCases.map(\.rawValue)
        error(code, at: node.location, "\"\(what)\" is \"\(text)\", but must be one of \(names.joined(separator: ", "))"
              + DidYouMean.hint(for: text, among: names))
        return nil
    }

    /// The elements of a list (a single scalar is not accepted as a one-element list).
    func list(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error(.wrongType, at: node.location, "\"\(what)\" must be a list, found \(node.kindDescription)")
            return nil
        }
        return Array(sequence)
    }

    /// A list of texts, each element checked.
    func stringList(_ node: Node, _ what: String) -> [(String, Location)]? {
        guard let nodes = list(node, what) else { return nil }
        return nodes.enumerated().compactMap { index, element in
            nonEmptyString(element, "\(what)[\(index)]").map { ($0, element.location) }
        }
    }
}
