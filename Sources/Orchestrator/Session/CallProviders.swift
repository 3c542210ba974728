import Speech

/// The providers one call talks to, one per layer. Each may be a router over several vendors with
/// failover and circuit breakers (it conforms to the same protocol): the session never knows.
public struct CallProviders: Sendable {
    public var speechToText: any SpeechToText
    public var languageModel: any LanguageModel
    public var textToSpeech: any TextToSpeech
    public var tools: any ToolRunner

    public init(speechToText: any SpeechToText, languageModel: any LanguageModel,
                textToSpeech: any TextToSpeech, tools: any ToolRunner = UnavailableToolRunner()) {
        self.speechToText = speechToText
        self.languageModel = languageModel
        self.textToSpeech = textToSpeech
        self.tools = tools
    }
}

/// The runner for agents without tools: every call is answered with an error the model can read.
public struct UnavailableToolRunner: ToolRunner {
    public init() {}

    public func run(_ call: ToolCall, for context: ToolCallContext) async -> String {
        #"{"error":"the tool \#(call.name) is not available"}"#
    }
}
