import Agents
import Foundation
import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite struct AnthropicAdapterTests {
    func withFake(_ turns: [FakeLLMTurn], extra: [String: ConfigValue] = [:],
                  _ body: (FakeAnthropicServer, AnthropicLanguageModel) async throws -> Void) async throws {
        let fake = try await FakeAnthropicServer.start(on: CloudTestNetwork.loops, turns: turns)
        let model = try AnthropicLanguageModel(settings: llmConfig(.anthropic, baseURL: fake.baseURL, extra: extra),
                                               network: CloudTestNetwork.provider)
        try await body(fake, model)
        await fake.stop()
    }

    func outcome(of turn: FakeLLMTurn) async throws -> (ProviderError?, [CompletionEvent]) {
        var result: (ProviderError?, [CompletionEvent]) = (nil, [])
        try await withFake([turn]) { _, model in
            let events = try await collectEvents(model.complete(CompletionRequest(messages: [.user("Hi")])))
            #expect(events.terminalCount == 1)
            result = (events.failure, events)
        }
        return result
    }

    @Test func streamsTextWithVersionAndKeyHeaders() async throws {
        try await withFake([.reply(tokens: ["Hello", " caller."], usage: TokenUsage(promptTokens: 12, completionTokens: 3))]) { fake, model in
            let events = try await collectEvents(model.complete(CompletionRequest(messages: [.system("Be kind."), .user("Hi")])))
            #expect(events == [.token("Hello"), .token(" caller."), .done(TokenUsage(promptTokens: 12, completionTokens: 3))])
            let request = try #require(fake.requests.first)
            #expect(request.header("x-api-key") == testAPIKey)
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(request.header("Authorization") == nil)
            let body = try #require(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
            #expect(body["system"] as? String == "Be kind.")
        }
    }

    @Test func toolUseRoundTripSendsToolResultBlock() async throws {
        let call = ToolCall(id: "toolu_01X", name: "transfer", argumentsJSON: #"{"department":"billing"}"#)
        try await withFake([.reply(tokens: ["Transferring."], toolCalls: [call]), .reply(tokens: ["Done."])]) { fake, model in
            let first = try await collectEvents(model.complete(CompletionRequest(messages: [.user("Billing please")])))
            #expect(first.toolCalls == [call])
            let messages: [ChatMessage] = [.user("Billing please"), .assistant(first.text, toolCalls: first.toolCalls),
                                           .tool(callID: call.id, content: "ok")]
            let second = try await collectEvents(model.complete(CompletionRequest(messages: messages)))
            #expect(second.text == "Done.")
            let body = try #require(JSONSerialization.jsonObject(with: Data(fake.requests[1].body)) as? [String: Any])
            let last = try #require((body["messages"] as? [[String: Any]])?.last)
            #expect(last["role"] as? String == "user")
            let block = try #require((last["content"] as? [[String: Any]])?.first)
            #expect(block["type"] as? String == "tool_result")
            #expect(block["tool_use_id"] as? String == "toolu_01X")
        }
    }

    @Test func faultsMapToProviderErrors() async throws {
        #expect(try await outcome(of: .fault(.status(401))).0 == .auth)
        #expect(try await outcome(of: .fault(.status(429, retryAfterSeconds: 3))).0 == .rateLimited(retryAfter: .seconds(3)))
        #expect(try await outcome(of: .fault(.status(529, message: "Overloaded"))).0 == .overloaded)
        #expect(try await outcome(of: .fault(.status(400, message: "max_tokens: too big"))).0
                == .badRequest(detail: "HTTP 400: max_tokens: too big"))
        #expect(try await outcome(of: .fault(.stallAfterFirstToken)).0 == .timeout(.midStream))
        #expect(try await outcome(of: .fault(.malformedJSON)).0?.isMalformed == true)
        #expect(try await outcome(of: .fault(.disconnectMidStream)).0 == .connectionLost)
        #expect(try await outcome(of: .fault(.slowFirstToken(.seconds(30), tokens: ["x"]))).0 == .timeout(.firstResponse))
        let overloaded = try await outcome(of: .fault(.inStreamError(message: "Overloaded")))
        #expect(overloaded.1.first == .token("Hello"))
        #expect(overloaded.0 == .overloaded)
    }

    @Test func pingsAndMessageStartDoNotCountAsTheFirstToken() async throws {
        let pings = Array(repeating: [FakeHTTPReply.Step.send(AnthropicSSE.ping), .pause(.milliseconds(300))], count: 30)
        let start = FakeHTTPReply.Step.send(AnthropicSSE.event("message_start",
            #"{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}"#))
        let (error, events) = try await outcome(of: .raw(.eventStream([start] + pings.flatMap { $0 })))
        #expect(events.count == 1)
        #expect(error == .timeout(.firstResponse))
    }

    @Test func cancellingTheConsumerClosesTheConnectionAtTheFake() async throws {
        try await withFake([.fault(.stallAfterFirstToken)], extra: ["stall_timeout_ms": .int(60_000)]) { fake, model in
            let stream = model.complete(CompletionRequest(messages: [.user("Hi")]))
            let seen = EventLog<CompletionEvent>()
            let consumer = Task { for await event in stream { seen.record(event) } }
            let first = try await seen.first(within: 10, "first token")
            #expect(first == .token("Hello"))
            consumer.cancel()
            #expect(await fake.http.nextConnectionClose(within: 10) == .connectionClosed(byClient: true))
            _ = await consumer.value
        }
    }

    @Test func apiKeyNeverAppearsInErrorText() async throws {
        let (error, _) = try await outcome(of: .fault(.status(400, message: "x-api-key \(testAPIKey) is malformed")))
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("malformed"))
        #expect(!text.contains(testAPIKey))
    }
}
