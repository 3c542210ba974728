/// A function the language model may call during a conversation, declared in the agent file and
/// performed (later) as an HTTP POST of the arguments to `webhook`. Only declared here: nothing runs.
public struct ToolDeclaration: Sendable, Hashable {
    /// `timeout_ms` range and default: a caller waits on the line while a tool runs.
    public static let timeoutRange = 100...60_000
    public static let defaultTimeoutMs = 5_000

    /// The function name the model sees: letters, digits, `_` and `-`, at most 64 characters.
    public var name: String
    /// What the tool does and when to use it, for the model.
    public var description: String
    /// JSON Schema of the arguments, an object schema (default: no arguments).
    public var parameters: ConfigValue
    /// `http`/`https` URL that receives the call (with `${ENV_VAR}` substituted).
    public var webhook: String
    /// HTTP headers sent with the call (for example an authorization token), kept secret.
    public var headers: [String: Secret]
    /// How long to wait for the webhook. Default 5000 ms.
    public var timeoutMs: Int

    /// The schema used when `parameters` is omitted: an object with no properties.
    public static let noParameters: ConfigValue = .map(["type": .string("object"), "properties": .map([:])])

    /// Creates a declaration.
    public init(name: String, description: String, parameters: ConfigValue = ToolDeclaration.noParameters,
                webhook: String, headers: [String: Secret] = [:], timeoutMs: Int = ToolDeclaration.defaultTimeoutMs) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.webhook = webhook
        self.headers = headers
        self.timeoutMs = timeoutMs
    }
}
