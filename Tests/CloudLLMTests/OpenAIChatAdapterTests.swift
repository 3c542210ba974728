import Agents
import Foundation
import Net
import ProviderFakes
import Providers
import Speech
import SwitchboardTesting
import Testing

@Suite struct OpenAIChatAdapterTests {
    func withFake(_ turns: [FakeLLMTurn], style: OpenAIChatSSE.Style = .openAI, extra: [String: ConfigValue] = [:],
                  _ body: (FakeOpenAIChatServer, OpenAIChatLanguageModel) async throws -> Void) async throws {
        let fake = try await FakeOpenAIChatServer.start(on: CloudTestNetwork.loops, turns: turns, style: style)
        let model = try OpenAIChatLanguageModel(settings: llmConfig(.openai, baseURL: fake.baseURL, extra: extra),
                                                network: CloudTestNetwork.provider)
        try await body(fake, model)
        await fake.stop()
    }

    func failure(of turn: FakeLLMTurn) async throws -> (ProviderError?, [CompletionEvent]) {
        var result: (ProviderError?, [CompletionEvent]) = (nil, [])
        try await withFake([turn]) { _, model in
            let events = try await collectEvents(model.complete(CompletionRequest(messages: [.user("Hi")])))
            #expect(events.terminalCount == 1)
            result = (events.failure, events)
        }
        return result
    }

    @Test func streamsTokensInOrderThenDoneWithUsage() async throws {
        try await withFake([.reply(tokens: ["It ", "opens ", "at nine."], usage: TokenUsage(promptTokens: 30, completionTokens: 4))]) { fake, model in
            #expect(model.name == "openai")
            let events = try await collectEvents(model.complete(CompletionRequest(messages: [.system("Be brief."), .user("When?")])))
            #expect(events == [.token("It "), .token("opens "), .token("at nine."), .done(TokenUsage(promptTokens: 30, completionTokens: 4))])
            let request = try #require(fake.requests.first)
            #expect(request.header("Authorization") == "Bearer \(testAPIKey)")
            #expect(request.header("Content-Type") == "application/json")
            let body = try #require(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
            #expect(body["model"] as? String == "test-model")
            #expect(body["stream"] as? Bool == true)
        }
    }

    @Test func toolCallAssembledAcrossChunksAndItsResultGoesBackInTheNextRequest() async throws {
        let call = ToolCall(id: "call_b2", name: "book_slot", argumentsJSON: #"{"time":"10:00","name":"Ana"}"#)
        try await withFake([.reply(tokens: [], toolCalls: [call]), .reply(tokens: ["Booked."])]) { fake, model in
            var messages: [ChatMessage] = [.user("Book me at ten")]
            let first = try await collectEvents(model.complete(CompletionRequest(messages: messages, tools: [
                ToolDeclaration(name: "book_slot", description: "Books a slot"),
            ])))
            #expect(first.toolCalls == [call])
            messages += [.assistant("", toolCalls: first.toolCalls), .tool(callID: "call_b2", content: #"{"booked":true}"#)]
            let second = try await collectEvents(model.complete(CompletionRequest(messages: messages)))
            #expect(second.text == "Booked.")
            let body = try #require(JSONSerialization.jsonObject(with: Data(fake.requests[1].body)) as? [String: Any])
            let sent = try #require(body["messages"] as? [[String: Any]])
            #expect(sent.map { $0["role"] as? String } == ["user", "assistant", "tool"])
            #expect(sent[2]["tool_call_id"] as? String == "call_b2")
            #expect(sent[2]["content"] as? String == #"{"booked":true}"#)
            let echoed = (sent[1]["tool_calls"] as? [[String: Any]])?.first?["function"] as? [String: Any]
            #expect(echoed?["arguments"] as? String == call.argumentsJSON)
        }
    }

    @Test func consecutiveRepliesReuseOneConnectionEvenWhenTheBodyEndsAfterDone() async throws {
        let late = ["one", "two", "three"].map { word in
            FakeLLMTurn.raw(.eventStream(OpenAIChatSSE.reply(tokens: [word], toolCalls: [], usage: nil) + [.pause(.milliseconds(50))]))
        }
        try await withFake(late) { fake, model in
            for expected in ["one", "two", "three"] {
                let events = try await collectEvents(model.complete(CompletionRequest(messages: [.user("Hi")])))
                #expect(events.text == expected)
            }
            #expect(fake.requests.count == 3)
            #expect(fake.http.acceptedConnections == 1)
        }
    }

    @Test func httpStatusesMapToProviderErrors() async throws {
        #expect(try await failure(of: .fault(.status(401, message: "Incorrect API key provided"))).0 == .auth)
        #expect(try await failure(of: .fault(.status(403))).0 == .auth)
        #expect(try await failure(of: .fault(.status(429, retryAfterSeconds: 7))).0 == .rateLimited(retryAfter: .seconds(7)))
        #expect(try await failure(of: .fault(.status(500))).0 == .overloaded)
        #expect(try await failure(of: .fault(.status(529))).0 == .overloaded)
        #expect(try await failure(of: .fault(.status(404, message: "The model `nope` does not exist"))).0
                == .badRequest(detail: "HTTP 404: The model `nope` does not exist"))
    }

    @Test func streamFaultsMapToProviderErrors() async throws {
        let stalled = try await failure(of: .fault(.stallAfterFirstToken))
        #expect(stalled.1.first == .token("Hello"))
        #expect(stalled.0 == .timeout(.midStream))
        #expect(try await failure(of: .fault(.malformedJSON)).0?.isMalformed == true)
        let dropped = try await failure(of: .fault(.disconnectMidStream))
        #expect(dropped.0 == .connectionLost)
        #expect(try await failure(of: .fault(.slowFirstToken(.seconds(30), tokens: ["late"]))).0 == .timeout(.firstResponse))
        let errored = try await failure(of: .fault(.inStreamError(message: "The server is overloaded")))
        #expect(errored.1.first == .token("Hello"))
        #expect(errored.0 == .overloaded)
    }

    @Test func aSlowFirstTokenWithinTheDeadlineStillStreams() async throws {
        let (error, events) = try await failure(of: .fault(.slowFirstToken(.milliseconds(600), tokens: ["fine"])))
        #expect(error == nil)
        #expect(events == [.token("fine"), .done(nil)])
    }

    @Test func keepAliveCommentsDoNotCountAsTheFirstToken() async throws {
        let keepAlives = Array(repeating: [FakeHTTPReply.Step.send(Array(": keep-alive\n\n".utf8)), .pause(.milliseconds(300))], count: 30)
        let roleOnly = FakeHTTPReply.Step.send(OpenAIChatSSE.event(OpenAIChatSSE.roleChunk(), .openAI))
        let (error, events) = try await failure(of: .raw(.eventStream([roleOnly] + keepAlives.flatMap { $0 })))
        #expect(events.count == 1)
        #expect(error == .timeout(.firstResponse))
    }

    @Test func connectFailureIsConnectingTimeout() async throws {
        let model = try OpenAIChatLanguageModel(settings: llmConfig(.openai, baseURL: "http://127.0.0.1:9"),
                                                network: CloudTestNetwork.provider)
        let events = try await collectEvents(model.complete(CompletionRequest(messages: [.user("Hi")])))
        #expect(events == [.failed(.timeout(.connecting))])
    }

    @Test func cancellingTheConsumerClosesTheConnectionAtTheFake() async throws {
        try await withFake([.fault(.stallAfterFirstToken)], extra: ["stall_timeout_ms": .int(60_000)]) { fake, model in
            let stream = model.complete(CompletionRequest(messages: [.user("Hi")]))
            let firstToken = EventLog<CompletionEvent>()
            let consumer = Task {
                for await event in stream { firstToken.record(event) }
            }
            let first = try await firstToken.first(within: 10, "first token")
            #expect(first == .token("Hello"))
            consumer.cancel()
            let closed = await fake.http.nextConnectionClose(within: 10)
            #expect(closed == .connectionClosed(byClient: true))
            _ = await consumer.value
        }
    }

    @Test func droppingTheStreamClosesTheConnectionAtTheFake() async throws {
        try await withFake([.fault(.stallAfterFirstToken)], extra: ["stall_timeout_ms": .int(60_000)]) { fake, model in
            do {
                let stream = model.complete(CompletionRequest(messages: [.user("Hi")]))
                var iterator = stream.makeAsyncIterator()
                #expect(await iterator.next() == .token("Hello"))
            }
            #expect(await fake.http.nextConnectionClose(within: 10) == .connectionClosed(byClient: true))
        }
    }

    @Test func compatibleServerQuirksStillYieldACleanReply() async throws {
        let styles: [OpenAIChatSSE.Style] = [
            .init(dataPrefix: "data:"),
            .init(sendsUsageChunk: false, sendsDone: false),
            .init(sendsKeepAlive: true, sendsReasoning: true),
        ]
        for style in styles {
            try await withFake([.reply(tokens: ["Hi", " there"], usage: TokenUsage(promptTokens: 2, completionTokens: 2))],
                               style: style) { _, model in
                let events = try await collectEvents(model.complete(CompletionRequest(messages: [.user("Hi")])))
                #expect(events.text == "Hi there")
                #expect(events.terminalCount == 1)
                guard case .done(let usage) = events.last else { Issue.record("no done: \(events)"); return }
                #expect(usage == (style.sendsUsageChunk ? TokenUsage(promptTokens: 2, completionTokens: 2) : nil))
            }
        }
    }

    @Test func extraHeadersAndCompatibleKnobsReachTheServer() async throws {
        try await withFake([.reply(tokens: ["ok"])], extra: [
            "headers": .map(["X-Gateway-Route": .string("qwen")]), "max_tokens_field": .string("max_tokens"),
            "max_tokens": .int(64), "stream_usage": .bool(false),
        ]) { fake, model in
            _ = try await collectEvents(model.complete(CompletionRequest(messages: [.user("Hi")])))
            let request = try #require(fake.requests.first)
            #expect(request.header("X-Gateway-Route") == "qwen")
            let body = try #require(JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
            #expect(body["max_tokens"] as? Int == 64)
            #expect(body["stream_options"] == nil)
        }
    }

    @Test func apiKeyNeverAppearsInErrorText() async throws {
        let echoed = try await failure(of: .fault(.status(400, message: "bad key \(testAPIKey) in request")))
        let text = "\(echoed.0.map(String.init(describing:)) ?? "")"
        #expect(text.contains("bad key"))
        #expect(!text.contains(testAPIKey))
        let inStream = try await failure(of: .raw(.eventStream([.send(Array("data: {\"error\":{\"message\":\"key \(testAPIKey)\",\"type\":\"invalid_request_error\"}}\n\n".utf8))])))
        #expect(!"\(inStream.0.map(String.init(describing:)) ?? "")".contains(testAPIKey))
        #expect(inStream.0 == .badRequest(detail: "key ***"))
    }

    @Test func groqKindUsesTheSameAdapterWithItsName() throws {
        let model = try OpenAIChatLanguageModel(settings: LLMProviderConfig(kind: .groq, apiKey: Secret("k"), settings: ["model": .string("llama")]),
                                                network: CloudTestNetwork.provider)
        #expect(model.name == "groq")
        #expect(model.settings.baseURL == OpenAIChatSettings.groqBaseURL)
        #expect(throws: ProviderSetupError.self) {
            try OpenAIChatLanguageModel(settings: LLMProviderConfig(kind: .anthropic, settings: ["model": .string("m")]),
                                        network: CloudTestNetwork.provider)
        }
    }
}
