/// A place in a configuration file: what every `ConfigProblem` points at, printed the way compilers
/// and editors understand (`agents/support.yaml:14:7`). Lines and columns count from 1 (columns in
/// Unicode scalars, as libyaml counts them); line 0 means "the file as a whole".
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file path as the user gave it (or as derived from a server config's `agents_folder`).
    public var file: String
    /// 1-based line, or 0 when the problem concerns the whole file (missing, unreadable).
    public var line: Int
    /// 1-based column, or 0 together with `line == 0`.
    public var column: Int

    /// Creates a location; pass `line: 0, column: 0` for a whole-file location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A location naming the file as a whole.
    public static func wholeFile(_ file: String) -> SourceLocation {
        SourceLocation(file: file, line: 0, column: 0)
    }

    /// `file:line:column`, or just `file` for a whole-file location.
    public var description: String {
        line == 0 ? file : "\(file):\(line):\(column)"
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
