import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Testing
import Wire

@Suite struct OpenAIChatStreamDecoderTests {
    let booking = ToolCall(id: "call_b2", name: "book_slot", argumentsJSON: #"{"time":"10:00","day":"saturday"}"#)

    func decode(_ steps: [FakeHTTPReply.Step]) -> [CompletionEvent] {
        decodeStream([bytes(of: steps)[...]], with: OpenAIChatStreamDecoder())
    }

    @Test func textDeltasBecomeTokensInOrderThenDoneWithUsage() {
        let events = decode(OpenAIChatSSE.reply(tokens: ["It ", "opens ", "at nine."], toolCalls: [],
                                                usage: TokenUsage(promptTokens: 212, completionTokens: 19)))
        #expect(events == [.token("It "), .token("opens "), .token("at nine."),
                           .done(TokenUsage(promptTokens: 212, completionTokens: 19))])
    }

    @Test func toolCallArgumentsAreAssembledAcrossChunksAndEmittedAtFinish() {
        let other = ToolCall(id: "call_c3", name: "get_hours", argumentsJSON: #"{"day":"sunday"}"#)
        let events = decode(OpenAIChatSSE.reply(tokens: ["One moment."], toolCalls: [booking, other], usage: nil))
        #expect(events == [.token("One moment."), .toolCall(booking), .toolCall(other), .done(nil)])
    }

    @Test func interleavedParallelToolCallFragmentsAreKeyedByIndex() {
        let lines = [
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"a","type":"function","function":{"name":"f","arguments":""}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"b","type":"function","function":{"name":"g","arguments":"{\"y\""}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"x\":1}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":":2}"}}]}}]}"#,
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#,
            "[DONE]",
        ]
        let stream = lines.map { "data: \($0)\n\n" }.joined()
        let events = decodeStream([Array(stream.utf8)[...]], with: OpenAIChatStreamDecoder())
        #expect(events == [.toolCall(ToolCall(id: "a", name: "f", argumentsJSON: #"{"x":1}"#)),
                           .toolCall(ToolCall(id: "b", name: "g", argumentsJSON: #"{"y":2}"#)), .done(nil)])
    }

    @Test func wholeToolCallInOneDeltaWithoutIndexIsAccepted() {
        let stream = #"data: {"choices":[{"delta":{"tool_calls":[{"id":"call_1","function":{"name":"hang_up","arguments":"{}"}}]},"finish_reason":"stop"}]}"#
            + "\n\n"
        let events = decodeStream([Array(stream.utf8)[...]], with: OpenAIChatStreamDecoder())
        #expect(events == [.toolCall(ToolCall(id: "call_1", name: "hang_up", argumentsJSON: "{}")), .done(nil)])
    }

    @Test func usageOnlyChunkWithNullChoicesAndReasoningDeltasAreHandled() {
        let stream = [
            #"{"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"thinking…","content":null}}]}"#,
            #"{"choices":[{"index":0,"delta":{"content":"Hi"}}]}"#,
            #"{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"#,
            #"{"choices":null,"usage":{"prompt_tokens":3,"completion_tokens":1}}"#,
        ].map { "data:\($0)\n\n" }.joined()
        let events = decodeStream([Array(stream.utf8)[...]], with: OpenAIChatStreamDecoder())
        #expect(events == [.token("Hi"), .done(TokenUsage(promptTokens: 3, completionTokens: 1))])
    }

    @Test func groqUsageInXGroqObjectIsRead() {
        let stream = #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"x_groq":{"usage":{"prompt_tokens":5,"completion_tokens":2}}}"#
            + "\n\ndata: [DONE]\n\n"
        #expect(decodeStream([Array(stream.utf8)[...]], with: OpenAIChatStreamDecoder())
                == [.done(TokenUsage(promptTokens: 5, completionTokens: 2))])
    }

    @Test func endOfBodyAfterFinishIsDoneButBeforeFinishIsConnectionLost() {
        let finished = OpenAIChatSSE.reply(tokens: ["Hi"], toolCalls: [], usage: nil,
                                           style: .init(sendsUsageChunk: false, sendsDone: false))
        #expect(decode(finished) == [.token("Hi"), .done(nil)])
        let unfinished = "data: \(#"{"choices":[{"index":0,"delta":{"content":"Hi"}}]}"#)\n\n"
        #expect(decodeStream([Array(unfinished.utf8)[...]], with: OpenAIChatStreamDecoder())
                == [.token("Hi"), .failed(.connectionLost)])
    }

    @Test func inStreamErrorObjectFailsTheStreamByType() {
        func failure(_ json: String) -> ProviderError? {
            decodeStream([Array("data: \(json)\n\n".utf8)[...]], with: OpenAIChatStreamDecoder()).failure
        }
        #expect(failure(OpenAIChatSSE.errorObject(message: "busy", type: "server_error", code: nil)) == .overloaded)
        #expect(failure(OpenAIChatSSE.errorObject(message: "slow down", type: "requests", code: "rate_limit_exceeded"))
                == .rateLimited(retryAfter: nil))
        #expect(failure(OpenAIChatSSE.errorObject(message: "too long", type: "invalid_request_error", code: "context_length_exceeded"))
                == .badRequest(detail: "too long"))
        #expect(failure(#"{"error":{"message":"x","type":"server_error","code":503}}"#) == .overloaded)
    }

    @Test func malformedChunkIsMalformedResponseAndABodyWithoutEventsToo() {
        #expect(decodeStream([Array("data: {\"choices\":[\n\n".utf8)[...]], with: OpenAIChatStreamDecoder()).failure?
            .isMalformed == true)
        #expect(decodeStream([Array("<html>Bad gateway</html>".utf8)[...]], with: OpenAIChatStreamDecoder()).failure?
            .isMalformed == true)
    }

    @Test func decodingDoesNotDependOnHowTheBodyIsSplit() {
        let input = Array(([#"{"choices":[{"delta":{"content":"Sure"}}]}"#,
                            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"c","function":{"name":"f","arguments":"{\"a\""}}]}}]}"#,
                            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]}}]}"#,
                            #"{"choices":[{"delta":{},"finish_reason":"tool_calls"}]}"#,
                            #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2}}"#, "[DONE]"]
            .map { "data: \($0)\r\n\r\n" }.joined()).utf8)
        let verifier = ChunkSplitVerifier(everySingleSplit: true, byteAtATime: true, maxBytesForSplitPairs: 0, randomChunkings: 10)
        #expect(decodeStream([input[...]], with: OpenAIChatStreamDecoder())
                == [.token("Sure"), .toolCall(ToolCall(id: "c", name: "f", argumentsJSON: #"{"a":1}"#)),
                    .done(TokenUsage(promptTokens: 1, completionTokens: 2))])
        let report = verifier.verify(input) { chunks in decodeStream(chunks, with: OpenAIChatStreamDecoder()) }
        #expect(report.passed, "\(report)")
    }

    @Test func randomDataEventsNeverCrashAndEndWithOneTerminal() {
        var random = SeededRandom(seed: 7)
        let valid = bytes(of: OpenAIChatSSE.reply(tokens: ["a", "b"], toolCalls: [booking], usage: nil))
        for _ in 0..<100 {
            var input = valid
            for _ in 0..<3 { input[Int(random.next() % UInt64(input.count))] = UInt8(truncatingIfNeeded: random.next()) }
            let events = decodeStream([input[...]], with: OpenAIChatStreamDecoder())
            #expect(events.terminalCount == 1)
        }
    }
}

extension ProviderError {
    var isMalformed: Bool {
        if case .malformedResponse = self { return true }
        return false
    }
}
