/// Runs the tools a language model calls (webhooks, scripted control tools). The session starts one run
/// per tool call in its own task and cancels that task when the result is no longer wanted (barge-in,
/// hang-up): a runner must stop its work when cancelled.
///
/// Lives in `Speech` (next to `LanguageModel` and `ToolCall`) so adapters in `Providers` can implement it
/// without depending on the orchestrator.
public protocol ToolRunner: Sendable {
    /// Runs `call` and returns what the model should see: the result, or a description of the error
    /// (tool failures are answers the model can explain, not call failures).
    func run(_ call: ToolCall, for context: ToolCallContext) async -> String
}

/// What a tool run knows about its call.
public struct ToolCallContext: Sendable, Hashable {
    public var callID: String
    public var agentName: String
    public var variables: [String: String]

    public init(callID: String, agentName: String, variables: [String: String]) {
        self.callID = callID
        self.agentName = agentName
        self.variables = variables
    }
}
