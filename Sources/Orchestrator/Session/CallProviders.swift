import Speech

/// The providers one call talks to, one per layer. Each may be a router over several vendors with
/// failover and circuit breakers (it conforms to the same protocol): the session never knows.
public struct CallProviders: Sendable {
    public var speechToText: any SpeechToText
    public var languageModel: any LanguageModel
    public var textToSpeech: any TextToSpeech
    public var tools: any ToolRunner
    /// This call's usage accumulator, shared by its metering wrappers (one per call: the providers
    /// themselves are shared by calls). Nil when the providers are not metered. Read into the record.
    public var usage: CallUsage?
    /// This call's shadow comparisons, the observer of its shadow wrappers. Read into the record.
    public var shadowReports: ShadowReportLog?

    public init(speechToText: any SpeechToText, languageModel: any LanguageModel,
                textToSpeech: any TextToSpeech, tools: any ToolRunner = UnavailableToolRunner(),
                usage: CallUsage? = nil, shadowReports: ShadowReportLog? = nil) {
        self.speechToText = speechToText
        self.languageModel = languageModel
        self.textToSpeech = textToSpeech
        self.tools = tools
        self.usage = usage
        self.shadowReports = shadowReports
    }
}

/// Runs the tools a language model calls (webhooks, later). The session starts one run per tool call in
/// its own task and cancels that task when the result is no longer wanted (barge-in, hang-up): a runner
/// must stop its work when cancelled.
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

/// The runner for agents without tools: every call is answered with an error the model can read.
public struct UnavailableToolRunner: ToolRunner {
    public init() {}

    public func run(_ call: ToolCall, for context: ToolCallContext) async -> String {
        #"{"error":"the tool \#(call.name) is not available"}"#
    }
}
