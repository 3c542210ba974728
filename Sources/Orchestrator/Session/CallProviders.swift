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

/// The runner for agents without tools: every call is answered with an error the model can read.
public struct UnavailableToolRunner: ToolRunner {
    public init() {}

    public func run(_ call: ToolCall, for context: ToolCallContext) async -> String {
        #"{"error":"the tool \#(call.name) is not available"}"#
    }
}
