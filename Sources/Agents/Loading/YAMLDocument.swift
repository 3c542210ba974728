import Yams

/// Composes YAML text into a node tree whose every node carries its line and column, turning Yams'
/// syntax errors (scanner, parser, composer, duplicate keys) into located `yamlSyntax` problems.
enum YAMLDocument {
    static let maxFileBytes = ConfigFileLimits.maxFileBytes

    /// The root node of `text`, or nil with a problem recorded (syntax error, empty document).
    static func compose(_ text: String, problems: ProblemCollector) -> Node? {
        guard text.utf8.count <= maxFileBytes else {
            problems.error(.unreadableFile, at: .wholeFile,
                           "file is \(text.utf8.count) bytes, over the \(maxFileBytes)-byte limit for configuration files")
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: text, .default, .default, .utf8) else {
                problems.error(.unreadableFile, at: .wholeFile, "file is empty")
                return nil
            }
            return root
        } catch let error as YamlError {
            report(error, in: text, problems: problems)
        } catch {
            problems.error(.yamlSyntax, at: .start, "YAML error: \(error)")
        }
        return nil
    }

    private static func report(_ error: YamlError, in text: String, problems: ProblemCollector) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line), column \($0.mark.column)): " } ?? ""
            problems.error(.yamlSyntax, at: Location(line: mark.line, column: mark.column),
                           "YAML syntax: \(detail)\(problem)")
        case .reader(let problem, let offset, _, _):
            let location = offset.map { TextPosition.location(ofCharacterOffset: $0, in: text) } ?? .start
            problems.error(.yamlSyntax, at: location, "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = Location(line: context.mark.line, column: context.mark.column)
            let second = DuplicateKeyLocator.secondOccurrence(of: key, after: first, in: text)
            let message = second == nil ? "duplicate key \"\(key)\" in this mapping"
                : "duplicate key \"\(key)\" (first written at line \(first.line))"
            problems.error(.yamlSyntax, at: second ?? first, message)
        default:
            problems.error(.yamlSyntax, at: .start, "YAML error: \(error)")
        }
    }
}

/// Converts offsets in text to line and column.
enum TextPosition {
    /// The 1-based line and column (in characters) of the character at `offset`.
    static func location(ofCharacterOffset offset: Int, in text: String) -> Location {
        var line = 1, column = 1
        for character in text.prefix(max(0, offset)) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return Location(line: line, column: column)
    }
}

/// Finds where a key Yams reported as duplicated is written the second time, so the problem points
/// at the line to delete rather than at the original.
enum DuplicateKeyLocator {
    /// The next line after `first` that writes `key:` at the same column, if any.
    static func secondOccurrence(of key: String, after first: Location, in text: String) -> Location? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let forms = [key, "\"\(key)\"", "'\(key)'"]
        for index in first.line..<lines.count {
            let line = lines[index]
            let indentation = line.prefix { $0 == " " || $0 == "-" }
            guard indentation.count == first.column - 1 else { continue }
            let rest = line.dropFirst(indentation.count)
            for form in forms where rest.hasPrefix(form) {
                let after = rest.dropFirst(form.count).drop { $0 == " " }
                if after.hasPrefix(":") { return Location(line: index + 1, column: first.column) }
            }
        }
        return nil
    }
}
