/// One thing wrong (or doubtful) in a configuration file, located precisely. Loading collects every
/// problem of a file rather than stopping at the first; `description` is the line `switchboard check`
/// prints: `file:line:column: error: message`.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible, Error {
    /// Whether the problem stops the configuration from being used.
    public enum Severity: String, Sendable, Hashable {
        /// The file cannot be used as written.
        case error
        /// The file works, but something in it is probably a mistake.
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// What kind of problem this is, stable for tests and tooling.
    public var code: ProblemCode
    /// Where it is.
    public var location: SourceLocation
    /// What is wrong, in words, without the location prefix.
    public var message: String

    /// Creates a problem.
    public init(_ severity: Severity, _ code: ProblemCode, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// True for `.error`.
    public var isError: Bool { severity == .error }

    /// `file:line:column: error: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The classes of configuration problems. Each is documented in `Docs/agents.md`.
public enum ProblemCode: String, Sendable, Hashable, CaseIterable {
    /// The file is not valid YAML (libyaml's scanner, parser or composer said so), or has a duplicate key.
    case yamlSyntax
    /// The file could not be read, is not UTF-8, is empty, or is too large.
    case unreadableFile
    /// A mapping key that the format does not define.
    case unknownKey
    /// A value of the wrong YAML type (a list where a number belongs, and so on).
    case wrongType
    /// A number outside its allowed range, or settings that contradict each other.
    case outOfRange
    /// A value of the right type whose content is invalid (a malformed address, URL, name or template).
    case invalidValue
    /// A required key is absent.
    case missingField
    /// A provider `kind` that this layer does not know.
    case unknownProvider
    /// A provider list with no entries.
    case emptyProviderList
    /// A route, default agent or hand-off naming an agent that does not exist.
    case unknownAgent
    /// Two agents with the same name in one folder.
    case duplicateAgent
    /// A `${ENV_VAR}` reference to a variable the environment does not set, or a malformed reference.
    case environmentVariable
    /// Two intents (or tools, or routes) with the same name or match.
    case duplicateName
    /// An intent pattern that cannot be matched as written.
    case malformedPattern
    /// A declared variable that nothing refers to.
    case unusedVariable
    /// A `{variable}` reference that is neither declared, captured, nor built in.
    case undeclaredVariable
    /// A credential written literally instead of as `${ENV_VAR}`.
    case literalSecret
    /// A section that has no effect with the rest of the configuration.
    case ineffectiveSetting
}
