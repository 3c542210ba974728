import Agents
import Foundation
import Providers
import Speech
import Testing

@Suite struct OpenAIChatRequestEncoderTests {
    let settings = OpenAIChatSettings(baseURL: "http://x/v1", model: "gpt-4o-mini")

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func toolRoundTripIsEncodedAsAssistantToolCallsAndToolMessage() throws {
        let call = ToolCall(id: "call_a1", name: "get_hours", argumentsJSON: #"{"day":"saturday"}"#)
        let request = CompletionRequest(messages: [.system("Be brief."), .user("Open Saturday?"), .assistant("", toolCalls: [call]),
                                                   .tool(callID: "call_a1", content: #"{"open":"09:00"}"#)],
                                        tools: [ToolDeclaration(name: "get_hours", description: "Hours",
                                                                parametersSchemaJSON: #"{"type":"object","properties":{"day":{"type":"string"}}}"#)],
                                        maximumTokens: 300, temperature: 0.4)
        let body = try json(OpenAIChatRequestEncoder(settings: settings).body(for: request))
        #expect(body["model"] as? String == "gpt-4o-mini")
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        #expect(body["max_completion_tokens"] as? Int == 300)
        #expect(body["temperature"] as? Double == 0.4)
        #expect(body["tool_choice"] as? String == "auto")
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["system", "user", "assistant", "tool"])
        #expect(messages[2]["content"] is NSNull)
        let toolCalls = try #require(messages[2]["tool_calls"] as? [[String: Any]])
        let function = try #require(toolCalls.first?["function"] as? [String: Any])
        #expect(toolCalls.first?["id"] as? String == "call_a1")
        #expect(function["arguments"] as? String == #"{"day":"saturday"}"#)
        #expect(messages[3]["tool_call_id"] as? String == "call_a1")
        let tools = try #require(body["tools"] as? [[String: Any]])
        let parameters = (tools.first?["function"] as? [String: Any])?["parameters"] as? [String: Any]
        #expect(parameters?["type"] as? String == "object")
    }

    @Test func compatibleServerKnobsChangeTheBody() throws {
        var quirky = settings
        quirky.tokenLimitField = .maxTokens
        quirky.requestsUsage = false
        quirky.sendsTools = false
        quirky.defaultMaxTokens = 99
        let request = CompletionRequest(messages: [.user("hi \"there\"\n")], tools: [ToolDeclaration(name: "t", description: "d")])
        let text = OpenAIChatRequestEncoder(settings: quirky).body(for: request)
        let body = try json(text)
        #expect(body["max_tokens"] as? Int == 99)
        #expect(body["max_completion_tokens"] == nil)
        #expect(body["stream_options"] == nil)
        #expect(body["tools"] == nil)
        #expect(((body["messages"] as? [[String: Any]])?.first?["content"] as? String) == "hi \"there\"\n")
    }

    @Test func settingsDefaultTheTokenFieldByServerAndRejectBadValues() throws {
        let openAI = try OpenAIChatSettings(settings: LLMProviderConfig(kind: .openai, settings: ["model": .string("m")]))
        #expect(openAI.baseURL == OpenAIChatSettings.openAIBaseURL)
        #expect(openAI.tokenLimitField == .maxCompletionTokens)
        let groq = try OpenAIChatSettings(settings: LLMProviderConfig(kind: .groq, settings: ["model": .string("m")]))
        #expect(groq.baseURL == "https://api.groq.com/openai/v1")
        #expect(groq.tokenLimitField == .maxTokens)
        let ollama = try OpenAIChatSettings(settings: LLMProviderConfig(kind: .openai, settings: [
            "model": .string("llama3.1"), "base_url": .string("http://localhost:11434/v1/"),
            "headers": .map(["X-Org": .string("acme")]),
        ]))
        #expect(ollama.baseURL == "http://localhost:11434/v1")
        #expect(ollama.extraHeaders.map(\.name) == ["X-Org"])
        #expect(throws: ProviderSetupError.self) {
            try OpenAIChatSettings(settings: LLMProviderConfig(kind: .openai, settings: [:]))
        }
        #expect(throws: ProviderSetupError.self) {
            try OpenAIChatSettings(settings: LLMProviderConfig(kind: .openai, settings: ["model": .string("m"), "base_url": .string("ftp://x")]))
        }
        #expect(throws: ProviderSetupError.self) {
            try OpenAIChatSettings(settings: LLMProviderConfig(kind: .openai, settings: [
                "model": .string("m"), "headers": .map(["X-Bad": .string("a\r\nInjected: 1")]),
            ]))
        }
        #expect(throws: ProviderSetupError.self) {
            try OpenAIChatSettings(settings: LLMProviderConfig(kind: .openai, settings: ["model": .string("m"), "stall_timeout_ms": .int(0)]))
        }
    }
}
