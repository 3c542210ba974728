/// Why an adapter could not be built from an agent's provider entry: a missing API key, a setting of the
/// wrong type or out of range, a base URL that does not parse. Raised when the agent loads (never during a
/// call), with a message naming the provider and the setting so `switchboard check` can print it.
public struct ProviderSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The provider kind as written in YAML (`deepgram`, `openai`).
    public var provider: String
    /// What is wrong, naming the setting (`settings.sample_rate must be 8000 or 16000`).
    public var problem: String

    public init(provider: String, problem: String) {
        self.provider = provider
        self.problem = problem
    }

    public var description: String { "\(provider): \(problem)" }
}
