/// Text that the agent says or sends, with `{variable}` placeholders filled in at run time from the
/// call's variables (declared defaults, values captured by intent patterns, built-ins such as
/// `{caller_number}`). Only `{identifier}` is a placeholder; any other brace is kept literally, so a
/// system prompt may contain JSON examples.
public struct TextTemplate: Sendable, Hashable, CustomStringConvertible {
    /// A piece of the template.
    public enum Segment: Sendable, Hashable {
        /// Text said as written.
        case literal(String)
        /// A placeholder for the named variable.
        case variable(String)
    }

    /// The template as written in the file.
    public let source: String
    /// The template split into literal text and placeholders.
    public let segments: [Segment]

    /// Parses `source`; never fails (text that is not a placeholder is literal).
    public init(_ source: String) {
        self.source = source
        self.segments = TextTemplate.parse(source)
    }

    /// Names of the variables referred to, in order of first appearance.
    public var variableNames: [String] {
        var seen = Set<String>()
        return segments.compactMap {
            guard case .variable(let name) = $0, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// The text with every placeholder replaced by its variable's value (an empty string when unset).
    public func render(_ variables: [String: String]) -> String {
        segments.map {
            switch $0 {
            case .literal(let text): return text
            case .variable(let name): return variables[name] ?? ""
            }
        }.joined()
    }

    /// The source text.
    public var description: String { source }

    /// True for the characters allowed in variable names: ASCII letters, digits and `_`, not starting
    /// with a digit.
    static func isIdentifier(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic
            || ("0"..."9").contains($0)) }
    }

    private static func parse(_ source: String) -> [Segment] {
        var segments: [Segment] = []
        var literal = ""
        var rest = source[...]
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), isIdentifier(rest[afterOpen..<close]) {
                if !literal.isEmpty { segments.append(.literal(literal)) }
                literal = ""
                segments.append(.variable(String(rest[afterOpen..<close])))
                rest = rest[rest.index(after: close)...]
            } else {
                literal += "{"
                rest = rest[afterOpen...]
            }
        }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }
}
