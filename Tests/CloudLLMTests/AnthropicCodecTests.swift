import Foundation
import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite struct AnthropicCodecTests {
    let settings = AnthropicSettings(model: "claude-test")
    let lookup = ToolCall(id: "toolu_01A", name: "get_hours", argumentsJSON: #"{"day":"saturday"}"#)

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func systemIsSeparatedAndToolResultsGoBackAsToolResultBlocksInOneUserTurn() throws {
        let second = ToolCall(id: "toolu_01B", name: "get_hours", argumentsJSON: #"{"day":"sunday"}"#)
        let request = CompletionRequest(messages: [
            .system("Be brief."), .user("Weekend hours?"), .assistant("Checking.", toolCalls: [lookup, second]),
            .tool(callID: "toolu_01A", content: "9-13"), .tool(callID: "toolu_01B", content: "closed"), .user("Thanks"),
        ], tools: [ToolDeclaration(name: "get_hours", description: "Hours")], maximumTokens: 200)
        let body = try json(AnthropicRequestEncoder(settings: settings).body(for: request))
        #expect(body["system"] as? String == "Be brief.")
        #expect(body["max_tokens"] as? Int == 200)
        #expect(body["stream"] as? Bool == true)
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user"])
        let assistant = try #require(messages[1]["content"] as? [[String: Any]])
        #expect(assistant.map { $0["type"] as? String } == ["text", "tool_use", "tool_use"])
        #expect((assistant[1]["input"] as? [String: Any])?["day"] as? String == "saturday")
        let results = try #require(messages[2]["content"] as? [[String: Any]])
        #expect(results.map { $0["type"] as? String } == ["tool_result", "tool_result", "text"])
        #expect(results.map { $0["tool_use_id"] as? String } == ["toolu_01A", "toolu_01B", nil])
        let tools = try #require(body["tools"] as? [[String: Any]])
        #expect((tools.first?["input_schema"] as? [String: Any])?["type"] as? String == "object")
    }

    @Test func streamDecodesTextToolUseAndUsage() {
        let steps = AnthropicSSE.reply(tokens: ["Open ", "nine to one."], toolCalls: [lookup],
                                       usage: TokenUsage(promptTokens: 25, completionTokens: 15))
        let events = decodeStream([bytes(of: steps)[...]], with: AnthropicStreamDecoder())
        #expect(events == [.token("Open "), .token("nine to one."), .toolCall(lookup),
                           .done(TokenUsage(promptTokens: 25, completionTokens: 15))])
    }

    @Test func errorEventsMapByType() {
        func failure(_ type: String) -> ProviderError? {
            let text = "event: error\ndata: \(AnthropicSSE.errorObject(type: type, message: "m"))\n\n"
            return decodeStream([Array(text.utf8)[...]], with: AnthropicStreamDecoder()).failure
        }
        #expect(failure("overloaded_error") == .overloaded)
        #expect(failure("api_error") == .overloaded)
        #expect(failure("rate_limit_error") == .rateLimited(retryAfter: nil))
        #expect(failure("invalid_request_error") == .badRequest(detail: "m"))
        #expect(failure("authentication_error") == .auth)
    }

    @Test func endWithoutMessageStopIsConnectionLost() {
        let steps = Array(AnthropicSSE.reply(tokens: ["Hi"], toolCalls: [], usage: nil).dropLast())
        #expect(decodeStream([bytes(of: steps)[...]], with: AnthropicStreamDecoder()) == [.token("Hi"), .failed(.connectionLost)])
    }

    @Test func decodingDoesNotDependOnHowTheBodyIsSplit() {
        let input = Array(([("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"t","name":"f","input":{}}}"#),
                            ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"a\":1}"}}"#),
                            ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
                            ("message_stop", #"{"type":"message_stop"}"#)]
            .map { "event: \($0.0)\ndata: \($0.1)\n\n" }.joined()).utf8)
        let verifier = ChunkSplitVerifier(everySingleSplit: true, byteAtATime: true, maxBytesForSplitPairs: 0, randomChunkings: 10)
        #expect(decodeStream([input[...]], with: AnthropicStreamDecoder())
                == [.toolCall(ToolCall(id: "t", name: "f", argumentsJSON: #"{"a":1}"#)), .done(nil)])
        let report = verifier.verify(input) { decodeStream($0, with: AnthropicStreamDecoder()) }
        #expect(report.passed, "\(report)")
    }

    @Test func randomCorruptionNeverCrashesAndEndsWithOneTerminal() {
        var random = SeededRandom(seed: 11)
        let valid = bytes(of: AnthropicSSE.reply(tokens: ["a"], toolCalls: [lookup], usage: nil))
        for _ in 0..<100 {
            var input = valid
            for _ in 0..<3 { input[Int(random.next() % UInt64(input.count))] = UInt8(truncatingIfNeeded: random.next()) }
            #expect(decodeStream([input[...]], with: AnthropicStreamDecoder()).terminalCount == 1)
        }
    }
}
