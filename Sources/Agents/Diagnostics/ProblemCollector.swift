/// Accumulates the problems found while decoding one file. A reference type so the many small
/// decoding helpers can share it without threading `inout` through every call; it lives only for the
/// duration of one load and is never shared across tasks.
final class ProblemCollector {
    /// The file every problem is reported against.
    let file: String
    private(set) var problems: [ConfigProblem] = []

    init(file: String) {
        self.file = file
    }

    var hasErrors: Bool { problems.contains { $0.isError } }

    func error(_ code: ProblemCode, at mark: Location, _ message: String) {
        problems.append(ConfigProblem(.error, code, at: location(mark), message))
    }

    func warning(_ code: ProblemCode, at mark: Location, _ message: String) {
        problems.append(ConfigProblem(.warning, code, at: location(mark), message))
    }

    private func location(_ mark: Location) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }
}

/// A line and column inside the file being decoded (the file is the collector's).
struct Location: Hashable, Sendable {
    var line: Int
    var column: Int

    /// The start of the file, used when a node carries no mark.
    static let start = Location(line: 1, column: 1)
    /// The file as a whole.
    static let wholeFile = Location(line: 0, column: 0)
}
